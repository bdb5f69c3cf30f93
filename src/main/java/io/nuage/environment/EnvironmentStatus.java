package io.nuage.environment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Where an environment stands, worked out from its members each time it is read, so it is never stale: {@code deleting}
 * once deleted or expired; {@code failed} when a member failed or is gone ({@code failed_member} names it, as
 * {@code instances/web}); {@code ready} when every network and volume is ready and every instance is running (or
 * stopped, when it is declared not running); {@code provisioning} until then.
 */
public record EnvironmentStatus(
        @Schema(enumeration = { "provisioning", "ready", "failed", "deleting" }) String phase,
        @Schema(description = "The member at fault when failed, as <kind>s/<name in the document>") String failedMember,
        String message,
        List<MemberStatus> members) {

    /** One member: its name in the document, its full name (the environment's name, a dash, that name), and its phase. */
    public record MemberStatus(@Schema(enumeration = { "network", "volume", "instance" }) String kind, String member, String name,
            @Schema(nullable = true, description = "Null when the member does not exist (any more)") java.util.UUID id,
            @Schema(description = "The member's own phase; missing when it does not exist") String phase) {
    }

    public static final String PROVISIONING = "provisioning";
    public static final String READY = "ready";
    public static final String FAILED = "failed";
    public static final String DELETING = "deleting";
    private static final List<String> KINDS = List.of("network", "volume", "instance");

    public static EnvironmentStatus of(Environment e, List<Member> live, Instant now) {
        Map<String, Member> byName = live.stream().collect(Collectors.toMap(m -> m.kind() + "/" + m.name(), Function.identity(), (a, b) -> a));
        List<MemberStatus> members = new ArrayList<>();
        String failed = null;
        String message = null;
        boolean ready = true;
        for (String kind : KINDS) {
            JsonArray bodies = e.document().getJsonArray(kind + "s", new JsonArray());
            for (int i = 0; i < bodies.size(); i++) {
                JsonObject body = (JsonObject) bodies.getValue(i);
                String member = body.getString("name");
                Member m = byName.get(kind + "/" + e.memberName(member));
                members.add(new MemberStatus(kind, member, e.memberName(member), m == null ? null : m.id(), m == null ? "missing" : m.phase()));
                if (m == null || m.phase().equals("failed")) {
                    if (failed == null) {
                        failed = kind + "s/" + member;
                        message = m == null ? "The " + kind + " " + e.memberName(member) + " does not exist any more"
                                : "The " + kind + " " + e.memberName(member) + " failed; its own status says why";
                    }
                } else if (!ready(m, body)) {
                    ready = false;
                }
            }
        }
        if (e.ending(now)) {
            boolean expired = e.deleteRequestedAt() == null;
            return new EnvironmentStatus(DELETING, null, expired ? "Its time to live ended: its members are being deleted"
                    : "Deleted: its members are being deleted", members);
        }
        if (failed != null) {
            return new EnvironmentStatus(FAILED, failed, message, members);
        }
        return new EnvironmentStatus(ready ? READY : PROVISIONING, null, null, members);
    }

    private static boolean ready(Member m, JsonObject body) {
        return switch (m.kind()) {
            case "instance" -> m.phase().equals(Boolean.FALSE.equals(body.getBoolean("running")) ? "stopped" : "running");
            default -> m.phase().equals("ready");
        };
    }
}
