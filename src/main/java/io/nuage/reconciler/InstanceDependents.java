package io.nuage.reconciler;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.Secret;
import io.nuage.kubevirt.DesiredInstance;
import io.nuage.kubevirt.InstanceObjects;
import io.nuage.kubevirt.InstanceSecrets;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.reconciler.KindReconciler.Orphans;

/**
 * The objects an instance owns: its user-data and SSH-key Secrets (boot and guest agent), and its VirtualMachine (whose VMI
 * goes with it).
 */
final class InstanceDependents {

    private InstanceDependents() {
    }

    static List<Dependent<DesiredInstance, ?>> all(ClusterCache cache) {
        return List.of(new InstanceSecret(InstanceSecrets::userDataSecret, InstanceSecrets::userDataSecretName),
                new InstanceSecret(InstanceSecrets::sshKeysSecret, InstanceSecrets::sshKeysSecretName),
                new InstanceSecret(InstanceSecrets::guestAgentKeysSecret, InstanceSecrets::guestAgentKeysSecretName),
                new VirtualMachines(cache));
    }

    /**
     * A Secret of the instance: its cloud-init user data (referenced by {@code cloudInitNoCloud.secretRef}; none without
     * user data or NICs), or its SSH keys (propagated by KubeVirt's {@code accessCredentials}; none without keys).
     */
    static final class InstanceSecret extends Dependent<DesiredInstance, Secret> {
        private final Function<DesiredInstance, Secret> build;
        private final UnaryOperator<String> nameOf;

        InstanceSecret(Function<DesiredInstance, Secret> build, UnaryOperator<String> nameOf) {
            super(Secret.class, Map.of(), Orphans.DELETED, DesiredInstance::namespace);
            this.build = build;
            this.nameOf = nameOf;
        }

        @Override
        Secret desired(DesiredInstance d) {
            return build.apply(d);
        }

        @Override
        String name(DesiredInstance d) {
            return nameOf.apply(d.name());
        }

        @Override
        boolean matches(DesiredInstance d, Secret want, Secret have) {
            return InstanceSecrets.secretMatches(want, have);
        }

        /** Watched per tenant namespace: Nuage may read no Secret elsewhere. */
        @Override
        KindReconciler.Watched watched() {
            return new KindReconciler.Watched(Secret.class, Map.of(), Orphans.DELETED, true);
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
            super(VirtualMachine.class, Map.of(), Orphans.DELETED, DesiredInstance::namespace);
            this.cache = cache;
        }

        @Override
        VirtualMachine desired(DesiredInstance d) {
            return InstanceObjects.virtualMachine(d);
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
