package io.nuage.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Notes when the n-th VirtualMachine of a namespace appears, and when the n-th is Running, from a watch (a WebSocket,
 * as the mock API server wants it). Only the events that say Running are parsed, to learn which VM they are about;
 * the others are only looked at for their type, so the harness spends little CPU on them (a Fabric8 watch would
 * parse every event, and every VM has several).
 */
final class VmProgress implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNNING = "\"printableStatus\":\"Running\"";

    private final int n;
    private final AtomicInteger added = new AtomicInteger();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private volatile long allSeenAt;
    private volatile long allRunningAt;
    private final StringBuilder message = new StringBuilder();
    private WebSocket socket;

    private VmProgress(int n) {
        this.n = n;
    }

    static VmProgress watch(int apiServerPort, String namespace, int n) throws Exception {
        VmProgress progress = new VmProgress(n);
        progress.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
                + apiServerPort + "/apis/kubevirt.io/v1/namespaces/" + namespace + "/virtualmachines?watch=true"), progress)
                .get(10, TimeUnit.SECONDS);
        return progress;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        // A large event may come in several parts: it is looked at once whole.
        message.append(data);
        if (last) {
            seen(message.toString());
            message.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    private void seen(String event) {
        // Fabric8's events end with their type: {"object":{...},"type":"ADDED"}.
        if (event.endsWith("\"type\":\"ADDED\"}") && added.incrementAndGet() == n) {
            allSeenAt = System.nanoTime();
        }
        if (event.contains(RUNNING) && !event.endsWith("\"type\":\"DELETED\"}")) {
            try {
                JsonNode vm = JSON.readTree(event).path("object");
                if ("Running".equals(vm.path("status").path("printableStatus").asText())
                        && running.add(vm.path("metadata").path("name").asText()) && running.size() == n) {
                    allRunningAt = System.nanoTime();
                }
            } catch (Exception e) {
                // Thrown here, it would only end the watch: say why, then the awaits report what was not seen.
                System.out.println("An unreadable watch event ends the VirtualMachine watch: " + e.getMessage());
                throw new IllegalStateException("an unreadable watch event", e);
            }
        }
    }

    /** When the n-th VirtualMachine was added (System.nanoTime()), or 0 if not yet. */
    long allSeenAt() {
        return allSeenAt;
    }

    /** When the n-th VirtualMachine was first seen Running (System.nanoTime()), or 0 if not yet. */
    long allRunningAt() {
        return allRunningAt;
    }

    /** Waits until all n were added, at most {@code limit}; returns when they were, or 0. */
    long awaitAll(Duration limit) throws InterruptedException {
        return await(limit, false);
    }

    /** Waits until all n were Running, at most {@code limit}; returns when they were, or 0. */
    long awaitAllRunning(Duration limit) throws InterruptedException {
        return await(limit, true);
    }

    private long await(Duration limit, boolean toRunning) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while ((toRunning ? allRunningAt : allSeenAt) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return toRunning ? allRunningAt : allSeenAt;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
