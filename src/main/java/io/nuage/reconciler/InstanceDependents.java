package io.nuage.reconciler;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.Secret;
import io.nuage.kubevirt.DesiredInstance;
import io.nuage.kubevirt.InstanceObjects;
import io.nuage.kubevirt.VirtualMachine;

/** The objects an instance owns: its user-data and SSH-key Secrets, and its VirtualMachine (whose VMI goes with it). */
final class InstanceDependents {

    private InstanceDependents() {
    }

    static List<Dependent<DesiredInstance, ?>> all(ClusterCache cache) {
        return List.of(new UserDataSecret(), new SshKeysSecret(), new VirtualMachines(cache));
    }

    /** The cloud-init user data, referenced by {@code cloudInitNoCloud.secretRef}; none without user data or NICs. */
    static final class UserDataSecret extends Dependent<DesiredInstance, Secret> {
        UserDataSecret() {
            super(Secret.class, Map.of(), true);
        }

        @Override
        Secret desired(DesiredInstance d) {
            return InstanceObjects.userDataSecret(d);
        }

        @Override
        String namespace(DesiredInstance d) {
            return d.namespace();
        }

        @Override
        String name(DesiredInstance d) {
            return InstanceObjects.userDataSecretName(d.name());
        }

        @Override
        boolean matches(DesiredInstance d, Secret want, Secret have) {
            return InstanceObjects.secretMatches(want, have);
        }
    }

    /** The SSH keys KubeVirt propagates through {@code accessCredentials}; none without keys. */
    static final class SshKeysSecret extends Dependent<DesiredInstance, Secret> {
        SshKeysSecret() {
            super(Secret.class, Map.of(), true);
        }

        @Override
        Secret desired(DesiredInstance d) {
            return InstanceObjects.sshKeysSecret(d);
        }

        @Override
        String namespace(DesiredInstance d) {
            return d.namespace();
        }

        @Override
        String name(DesiredInstance d) {
            return InstanceObjects.sshKeysSecretName(d.name());
        }

        @Override
        boolean matches(DesiredInstance d, Secret want, Secret have) {
            return InstanceObjects.secretMatches(want, have);
        }
    }

    /**
     * The VirtualMachine. It remembers, by namespace/name, which VirtualMachine (uid and spec generation) last matched
     * which desired state: a pass that finds the same pair skips comparing the two specs as JSON trees, about half of an
     * idle pass. KubeVirt writes only status, which keeps the generation; a hand edit of the spec raises it. Our labels
     * are metadata, so they are compared every time. Entries of VMs that are gone are pruned whenever the map doubles.
     */
    static final class VirtualMachines extends Dependent<DesiredInstance, VirtualMachine> {

        private record Matched(String uid, Long generation, DesiredInstance desired) {
        }

        private final ClusterCache cache;
        private final Map<String, Matched> matched = new ConcurrentHashMap<>();
        private volatile int pruneAt = 1000;

        VirtualMachines(ClusterCache cache) {
            super(VirtualMachine.class, Map.of(), true);
            this.cache = cache;
        }

        @Override
        VirtualMachine desired(DesiredInstance d) {
            return InstanceObjects.virtualMachine(d);
        }

        @Override
        String namespace(DesiredInstance d) {
            return d.namespace();
        }

        @Override
        String name(DesiredInstance d) {
            return d.name();
        }

        @Override
        boolean matches(DesiredInstance d, VirtualMachine want, VirtualMachine have) {
            Matched last = matched.get(key(d));
            Long generation = have.getMetadata().getGeneration();
            if (last != null && generation != null && Objects.equals(last.uid(), have.getMetadata().getUid())
                    && generation.equals(last.generation()) && last.desired().equals(d.withoutUserDataContent())) {
                return InstanceObjects.ownedLabelsMatch(want, have);
            }
            return InstanceObjects.specMatches(want, have);
        }

        /** What the cluster now holds matches by construction or by comparison: the next pass need not compare. */
        @Override
        void converged(DesiredInstance d, VirtualMachine vm) {
            Long generation = vm.getMetadata().getGeneration();
            if (generation == null) {
                return;
            }
            matched.put(key(d), new Matched(vm.getMetadata().getUid(), generation, d.withoutUserDataContent()));
            if (matched.size() > pruneAt) {
                matched.keySet().removeIf(k -> cache.get(VirtualMachine.class, k.substring(0, k.indexOf('/')),
                        k.substring(k.indexOf('/') + 1)) == null);
                pruneAt = 2 * matched.size() + 1000;
            }
        }

        private static String key(DesiredInstance d) {
            return d.namespace() + "/" + d.name();
        }
    }
}
