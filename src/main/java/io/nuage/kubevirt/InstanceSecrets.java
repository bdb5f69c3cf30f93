package io.nuage.kubevirt;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** The Secrets one instance needs (user data, SSH keys for boot and for the guest agent), as pure functions of {@link DesiredInstance}. */
public final class InstanceSecrets {

    /** Key of the user data in the userdata Secret, as KubeVirt's cloudInitNoCloud.secretRef reads it. */
    public static final String USERDATA_KEY = "userdata";

    private InstanceSecrets() {
    }

    public static String userDataSecretName(String instanceName) {
        return instanceName + "-userdata";
    }

    public static String sshKeysSecretName(String instanceName) {
        return instanceName + "-ssh";
    }

    public static String guestAgentKeysSecretName(String instanceName) {
        return instanceName + "-ssh-agent";
    }

    /** The Secret holding the user data, or null when the instance has none. */
    public static Secret userDataSecret(DesiredInstance d) {
        if (d.userData() == null) {
            return null;
        }
        return secret(d, userDataSecretName(d.name()), Map.of(USERDATA_KEY, d.userData()));
    }

    /**
     * The Secret holding the SSH public keys, one per entry ({@code key0}, {@code key1}... in
     * the order given), or null when there are none.
     */
    public static Secret sshKeysSecret(DesiredInstance d) {
        if (d.sshKeys().isEmpty()) {
            return null;
        }
        return secret(d, sshKeysSecretName(d.name()), keys(d));
    }

    /**
     * The same keys for the guest agent to keep in the guest users' authorized_keys while it runs, or null when the
     * instance's keys reach it at boot only. A Secret of its own, so that each access credential has one source.
     */
    public static Secret guestAgentKeysSecret(DesiredInstance d) {
        if (d.sshKeys().isEmpty() || d.keyUsers().isEmpty()) {
            return null;
        }
        return secret(d, guestAgentKeysSecretName(d.name()), keys(d));
    }

    private static Map<String, String> keys(DesiredInstance d) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < d.sshKeys().size(); i++) {
            keys.put("key" + i, d.sshKeys().get(i));
        }
        return keys;
    }

    /** Whether a Secret of ours already holds what {@code desired} says: same data, same labels. */
    public static boolean secretMatches(Secret desired, Secret actual) {
        return Objects.equals(desired.getData(), actual.getData())
                && Objects.equals(desired.getMetadata().getLabels(), actual.getMetadata().getLabels());
    }

    /** Values go in {@code data} (base64), the form the server returns, so a read compares equal. */
    private static Secret secret(DesiredInstance d, String name, Map<String, String> values) {
        Map<String, String> data = new LinkedHashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder()
                .withMetadata(new ObjectMetaBuilder().withNamespace(d.namespace()).withName(name).withLabels(Labels.owned(d.tenant(), d.id())).build())
                .withType("Opaque")
                .withData(data)
                .build();
    }
}
