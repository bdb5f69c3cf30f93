package io.nuage.api.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every difference between what the document promises and what the server answered, reported at once. */
final class Mismatches {

    /** Whose fault a difference is likely to be: the document's, or the server's. */
    enum Kind {
        UNDOCUMENTED_STATUS("document: a status the operation answers is not listed"),
        UNDOCUMENTED_BODY("document: an answer's content type or schema is missing"),
        BODY_NOT_MATCHING("document or server: a body does not match its schema"),
        SERVER_ERROR("server: a 5xx"),
        VALID_REFUSED("server or fixture: a valid request was refused"),
        INVALID_ACCEPTED("server: an invalid request was accepted"),
        INVALID_WRONG_ANSWER("server: an invalid request was not a 400 naming its field");

        final String meaning;

        Kind(String meaning) {
            this.meaning = meaning;
        }
    }

    record Mismatch(Kind kind, String operation, String request, String expected, String got) {
        @Override
        public String toString() {
            return operation + "\n    request:  " + request + "\n    expected: " + expected + "\n    got:      " + got;
        }
    }

    private static final int BODY_SHOWN = 400;
    private final List<Mismatch> found = new ArrayList<>();
    /** Requests sent, by operation: what the run covered. */
    private final Map<String, Integer> sent = new TreeMap<>();

    void sent(String operation) {
        sent.merge(operation, 1, Integer::sum);
    }

    void add(Kind kind, String operation, String request, String expected, String got) {
        found.add(new Mismatch(kind, operation, request, expected, got));
    }

    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replace('\n', ' ');
        return flat.length() <= BODY_SHOWN ? flat : flat.substring(0, BODY_SHOWN) + "...";
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** The whole list, grouped by kind with counts; also written to target/ for reading at leisure. */
    String report() {
        Map<Kind, List<Mismatch>> byKind = new EnumMap<>(Kind.class);
        found.forEach(m -> byKind.computeIfAbsent(m.kind(), k -> new ArrayList<>()).add(m));
        int requests = sent.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder sb = new StringBuilder(found.size() + " mismatches in " + requests + " requests to " + sent.size() + " operations\n");
        byKind.forEach((kind, list) -> sb.append("  ").append(kind).append(": ").append(list.size()).append(" (").append(kind.meaning)
                .append(")\n"));
        byKind.forEach((kind, list) -> {
            sb.append("\n== ").append(kind).append(" (").append(list.size()).append(")\n");
            list.forEach(m -> sb.append(m).append('\n'));
        });
        sb.append("\n== Requests sent\n");
        sent.forEach((operation, n) -> sb.append(String.format("%4d %s%n", n, operation)));
        try {
            Files.writeString(Path.of("target/contract-mismatches.txt"), sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }
}
