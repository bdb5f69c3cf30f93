package io.nuage.api;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nuage.compute.UserData;
import io.nuage.environment.Environment;
import io.nuage.errors.NuageError;
import io.nuage.network.InstanceNetwork;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An environment's members as declared: checked as a whole (names, references between members), renamed and labelled
 * as they are created, and kept as JSON in the environment's row. Each member's own body is checked by its kind's
 * create or PATCH, which names the member in its answer.
 */
@ApplicationScoped
class EnvironmentDocument {

    static final int NAME_MAX = 30;
    static final int MEMBERS_MAX = 50;
    static final String TTL_PATTERN = "^[1-9][0-9]{0,6}[smhd]$";
    private static final Pattern TTL = Pattern.compile(TTL_PATTERN);
    /** Members' names, with the environment's name and a dash, fit every kind's names (50). */
    private static final int FULL_NAME_MAX = 50;
    private static final Duration TTL_MIN = Duration.ofMinutes(1);

    /**
     * The members of each kind, as declared, and the SHA-256 of each instance's user data (by member name): the
     * document keeps no user data, only what tells a change of it.
     */
    record Members(List<NetworkCreate> networks, List<VolumeCreate> volumes, List<InstanceCreate> instances,
            Map<String, String> userDataSha256) {
        static final Members NONE = new Members(null, null, null, null);

        Members {
            networks = networks == null ? List.of() : networks;
            volumes = volumes == null ? List.of() : volumes;
            instances = instances == null ? List.of() : instances;
            userDataSha256 = userDataSha256 == null ? Map.of() : userDataSha256;
        }

        /** What a request declares, over what {@code had} declared: an instance sent without user data keeps its own. */
        static Members declared(List<NetworkCreate> networks, List<VolumeCreate> volumes, List<InstanceCreate> instances, Members had) {
            Map<String, String> digests = new HashMap<>();
            for (InstanceCreate b : instances == null ? List.<InstanceCreate> of() : instances) {
                if (b == null || b.name() == null) {
                    continue; // refused by the checks
                }
                String digest = b.userData() != null ? UserData.digest(b.userData()) : had.userDataSha256().get(b.name());
                if (digest != null) {
                    digests.put(b.name(), digest);
                }
            }
            return new Members(networks, volumes, instances, digests);
        }
    }

    private final ObjectMapper mapper;

    EnvironmentDocument(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A time to live in seconds, or 0 (with the refusal in {@code checks}) when it is not one. */
    static int ttl(Checks checks, String field, String value, Duration max) {
        if (value == null) {
            return 0;
        }
        boolean ok = TTL.matcher(value).matches();
        long seconds = ok ? Long.parseLong(value.substring(0, value.length() - 1)) * switch (value.charAt(value.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            default -> 86400;
        } : 0;
        ok = ok && seconds >= TTL_MIN.toSeconds() && seconds <= max.toSeconds();
        checks.check(ok, field, "must be a duration like 90m, 2h or 1d, from 1m to " + format((int) max.toSeconds()));
        return ok ? (int) seconds : 0;
    }

    /** A time to live as the API shows it: in the largest unit that divides it. */
    static String format(int seconds) {
        if (seconds % 86400 == 0) {
            return seconds / 86400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    /** The rules that hold across members: names, their length once prefixed, and what instances refer to. */
    static void check(Checks checks, String environment, Members m) {
        int prefix = environment == null ? 0 : environment.length() + 1;
        checks.check(m.networks().size() + m.volumes().size() + m.instances().size() <= MEMBERS_MAX, "instances",
                "at most " + MEMBERS_MAX + " members in all");
        Set<String> networks = names(checks, "networks", m.networks().stream().map(b -> b == null ? null : b.name()).toList(), prefix);
        Set<String> volumes = names(checks, "volumes", m.volumes().stream().map(b -> b == null ? null : b.name()).toList(), prefix);
        names(checks, "instances", m.instances().stream().map(b -> b == null ? null : b.name()).toList(), prefix);
        for (int i = 0; i < m.instances().size(); i++) {
            InstanceCreate vm = m.instances().get(i);
            if (vm == null) {
                continue; // refused by its own checks
            }
            List<InstanceNetwork> nics = vm.networks() == null ? List.of() : vm.networks();
            for (int k = 0; k < nics.size(); k++) {
                checks.check(nics.get(k) != null && networks.contains(nics.get(k).network()), "instances[" + i + "].networks[" + k + "].network",
                        "must name a network of the environment");
            }
            List<String> disks = vm.volumes() == null ? List.of() : vm.volumes();
            for (int k = 0; k < disks.size(); k++) {
                checks.check(volumes.contains(disks.get(k)), "instances[" + i + "].volumes[" + k + "]", "must name a volume of the environment");
            }
        }
    }

    /** Each member's own field rules, as its create checks them before reading anything, named by the member's path. */
    static void checkMembers(Checks checks, Members m) {
        for (int i = 0; i < m.networks().size(); i++) {
            NetworkCreate b = m.networks().get(i);
            member(checks, "networks", i, b, b == null ? null : b.name(), () -> NetworkResource.check(b));
        }
        for (int i = 0; i < m.volumes().size(); i++) {
            VolumeCreate b = m.volumes().get(i);
            member(checks, "volumes", i, b, b == null ? null : b.name(), () -> VolumeResource.check(b));
        }
        for (int i = 0; i < m.instances().size(); i++) {
            InstanceCreate b = m.instances().get(i);
            member(checks, "instances", i, b, b == null ? null : b.name(), () -> InstanceResource.spec(b));
        }
    }

    private static void member(Checks checks, String kind, int i, Object body, String name, Runnable check) {
        String path = kind + "[" + i + "]";
        if (body == null) {
            checks.check(false, path, "must be an object");
            return;
        }
        try {
            check.run();
        } catch (NuageError e) {
            NuageError about = e.about(path, kind + "/" + name);
            if (about.errors().isEmpty()) {
                checks.check(false, path, e.getMessage());
            }
            about.errors().forEach(f -> checks.check(false, f.field(), f.message()));
        }
    }

    private static Set<String> names(Checks checks, String kind, List<String> names, int prefix) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String field = kind + "[" + i + "].name";
            checks.name(names.get(i), field, FULL_NAME_MAX - prefix);
            checks.check(names.get(i) == null || seen.add(names.get(i)), field, "must not name two " + kind + " alike");
        }
        return seen;
    }

    /** The network's body as it is created: renamed, labelled. */
    static NetworkCreate member(Environment e, NetworkCreate b) {
        return new NetworkCreate(e.memberName(b.name()), b.cidr(), b.gateway(), b.dnsServers(), b.firewallRules(), labels(e, b.labels()), null);
    }

    static VolumeCreate member(Environment e, VolumeCreate b) {
        return new VolumeCreate(e.memberName(b.name()), b.sizeGib(), b.storageClass(), b.source(), labels(e, b.labels()), null);
    }

    /** The instance's body as it is created: renamed, labelled, its networks and volumes those of the environment. */
    static InstanceCreate member(Environment e, InstanceCreate b) {
        List<InstanceNetwork> nics = b.networks() == null ? null
                : b.networks().stream().map(n -> new InstanceNetwork(e.memberName(n.network()), n.ip())).toList();
        List<String> disks = b.volumes() == null ? null : b.volumes().stream().map(e::memberName).toList();
        return new InstanceCreate(e.memberName(b.name()), b.vcpus(), b.memoryMib(), b.image(), b.sshKeys(), b.userData(),
                labels(e, b.labels()), b.region(), b.running(), nics, disks, b.sshKeyNames(), b.instanceType(), b.boot());
    }

    private static Map<String, String> labels(Environment e, Map<String, String> own) {
        Map<String, String> labels = new HashMap<>(own == null ? Map.of() : own);
        labels.put(Environment.LABEL, e.name());
        return labels;
    }

    /** The document as kept: user data is the instance's alone, kept sealed there; only its SHA-256 is kept here. */
    JsonObject json(Members m) {
        return new JsonObject().put("networks", array(m.networks())).put("volumes", array(m.volumes()))
                .put("instances", array(m.instances().stream().map(EnvironmentDocument::withoutUserData).toList()))
                .put("user_data_sha256", new JsonObject(Map.copyOf(m.userDataSha256())));
    }

    Members members(JsonObject document) {
        Map<String, String> digests = new HashMap<>();
        document.getJsonObject("user_data_sha256", new JsonObject()).forEach(d -> digests.put(d.getKey(), (String) d.getValue()));
        return new Members(list(document, "networks", new TypeReference<List<NetworkCreate>>() {
        }), list(document, "volumes", new TypeReference<List<VolumeCreate>>() {
        }), list(document, "instances", new TypeReference<List<InstanceCreate>>() {
        }), digests);
    }

    /** One member's body as kept, to compare with another. */
    String kept(Object body) {
        try {
            return mapper.writeValueAsString(body instanceof InstanceCreate b ? withoutUserData(b) : body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InstanceCreate withoutUserData(InstanceCreate b) {
        return new InstanceCreate(b.name(), b.vcpus(), b.memoryMib(), b.image(), b.sshKeys(), null, b.labels(), b.region(),
                b.running(), b.networks(), b.volumes(), b.sshKeyNames(), b.instanceType(), b.boot());
    }

    private JsonArray array(List<?> bodies) {
        try {
            return new JsonArray(mapper.writeValueAsString(bodies));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> List<T> list(JsonObject document, String kind, TypeReference<List<T>> type) {
        try {
            return mapper.readValue(document.getJsonArray(kind, new JsonArray()).encode(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an environment's document cannot be read", e);
        }
    }
}
