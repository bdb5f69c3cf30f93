package io.nuage.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** What a valid instance is. Field names are the JSON ones, for errors[].field. */
final class InstanceRules {

    /** Leaves room for the "-userdata" suffix of its Secret within Kubernetes' 63 characters. */
    static final int NAME_MAX = 50;
    static final int VCPUS_MIN = 1;
    static final int VCPUS_MAX = 64;
    static final int MEMORY_MIB_MIN = 128;
    static final int MEMORY_MIB_MAX = 262_144;
    /** 32 KiB: its Secret (base64) stays well under the 64 KiB where watch events get split into several frames. */
    static final int USER_DATA_MAX_BYTES = 32 * 1024;
    static final int SSH_KEYS_MAX = 16;
    /** 8 KiB of keys in all: sixteen Ed25519 keys, or ten RSA 4096-bit ones, with their comments. */
    static final int SSH_KEYS_MAX_BYTES = 8 * 1024;
    private static final String IMAGE_REGEX = "[a-z0-9][a-z0-9._\\-/:@]{0,510}";
    private static final Pattern IMAGE = Pattern.compile(IMAGE_REGEX);
    static final String IMAGE_PATTERN = "^" + IMAGE_REGEX + "$";
    private static final Pattern SSH_KEY = Pattern.compile(
            "(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\\.com)"
                    + " [A-Za-z0-9+/=]+( [^\\n\\r]*)?");

    private InstanceRules() {
    }

    /**
     * The size comes from the instance type or from vcpus and memory_mib, never both; a create needs one of the two
     * ({@code create}), a change may give neither.
     */
    static void size(Checks checks, String instanceType, Integer vcpus, Integer memoryMib, boolean create) {
        if (instanceType != null) {
            checks.name(instanceType, "instance_type", Checks.DNS_LABEL_MAX)
                    .check(vcpus == null, "vcpus", "must not be given with instance_type, which sets it")
                    .check(memoryMib == null, "memory_mib", "must not be given with instance_type, which sets it");
        } else if (create) {
            checks.required(vcpus, "vcpus").required(memoryMib, "memory_mib");
        }
    }

    /** Names of the tenant's keys: DNS labels, each once, as many as inline keys may be. */
    static void sshKeyNames(Checks checks, List<String> names) {
        if (names == null) {
            return;
        }
        checks.check(names.size() <= SSH_KEYS_MAX, "ssh_key_names", "at most " + SSH_KEYS_MAX + " keys")
                .check(names.stream().distinct().count() == names.size(), "ssh_key_names", "must not name a key twice");
        for (int i = 0; i < names.size() && i < SSH_KEYS_MAX; i++) {
            checks.name(names.get(i), "ssh_key_names[" + i + "]", Checks.DNS_LABEL_MAX);
        }
    }

    static void check(Checks checks, Integer vcpus, Integer memoryMib, String image, List<String> sshKeys, String userData) {
        checks.range(vcpus, "vcpus", VCPUS_MIN, VCPUS_MAX)
                .range(memoryMib, "memory_mib", MEMORY_MIB_MIN, MEMORY_MIB_MAX)
                .check(image == null || IMAGE.matcher(image).matches(), "image",
                        "must be a container image reference (lowercase registry/repository[:tag][@digest])")
                .check(userData == null || userData.getBytes(StandardCharsets.UTF_8).length <= USER_DATA_MAX_BYTES,
                        "user_data", "at most " + USER_DATA_MAX_BYTES / 1024 + " KiB");
        if (sshKeys != null) {
            long bytes = sshKeys.stream().mapToLong(k -> k == null ? 0 : k.trim().getBytes(StandardCharsets.UTF_8).length).sum();
            checks.check(sshKeys.size() <= SSH_KEYS_MAX, "ssh_keys", "at most " + SSH_KEYS_MAX + " keys")
                    .check(bytes <= SSH_KEYS_MAX_BYTES, "ssh_keys", "at most " + SSH_KEYS_MAX_BYTES / 1024 + " KiB in total");
            for (int i = 0; i < sshKeys.size() && bytes <= SSH_KEYS_MAX_BYTES; i++) {
                String key = sshKeys.get(i);
                checks.check(key != null && SSH_KEY.matcher(key.trim()).matches(), "ssh_keys[" + i + "]",
                        "must be an SSH public key line such as 'ssh-ed25519 AAAA... comment'");
            }
        }
    }
}
