package io.nuage.simulator;

import static io.nuage.simulator.Untyped.map;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * Does what KubeVirt's virt-controller does with pods: each running VirtualMachineInstance gets a virt-launcher pod
 * ({@code virt-launcher-<vmi>-<5 characters>}) carrying the VMI's labels, {@code kubevirt.io=virt-launcher},
 * {@code kubevirt.io/created-by} (the VMI's uid) and {@code vm.kubevirt.io/name}, with the containers {@code compute}
 * and {@code guest-console-log} (KubeVirt's serial console log), Running and Ready. The pod goes when its VMI stops
 * running or is gone, and a VMI of a new run (a new uid) gets a new pod. Nothing runs in it: its log is
 * {@link SimulatedConsoles}'.
 */
final class LauncherPodController implements AutoCloseable {

    static final String LAUNCHER = "virt-launcher";
    static final String CREATED_BY = "kubevirt.io/created-by";
    static final String VM_NAME = "vm.kubevirt.io/name";
    static final String LOG_CONTAINER = "guest-console-log";
    private static final String IMAGE = "quay.io/kubevirt/virt-launcher:v1.9.0";
    private static final String BY_VMI = "vmi";
    private static final String SUFFIX_CHARACTERS = "bcdfghjklmnpqrstvwxz2456789";

    private final KubernetesClient client;
    private final KeyedWorkQueue queue;
    private SharedIndexInformer<GenericKubernetesResource> vmiInformer;
    private SharedIndexInformer<Pod> podInformer;

    LauncherPodController(KubernetesClient client) {
        this.client = client;
        this.queue = new KeyedWorkQueue("nuage-sim-launcher", 1, this::reconcile);
    }

    void start() {
        podInformer = client.pods().inAnyNamespace().withLabel("kubevirt.io", LAUNCHER).runnableInformer(0);
        podInformer.addIndexers(Map.of(BY_VMI, pod -> List.of(pod.getMetadata().getNamespace() + "/" + label(pod, VM_NAME))));
        podInformer.addEventHandler(new Enqueue<>(pod -> pod.getMetadata().getNamespace() + "/" + label(pod, VM_NAME)));
        podInformer.run();
        vmiInformer = client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE_INSTANCE).inAnyNamespace()
                .inform(new Enqueue<>(Cache::metaNamespaceKeyFunc), 0);
    }

    @Override
    public void close() {
        queue.close();
        if (vmiInformer != null) {
            vmiInformer.close();
        }
        if (podInformer != null) {
            podInformer.close();
        }
    }

    private void reconcile(String key) {
        GenericKubernetesResource vmi = vmiInformer.getStore().getByKey(key);
        boolean running = vmi != null && "Running".equals(map(vmi.getAdditionalProperties().get("status")).get("phase"));
        String uid = vmi == null ? null : vmi.getMetadata().getUid();
        boolean found = false;
        for (Pod pod : podInformer.getIndexer().byIndex(BY_VMI, key)) {
            if (running && Objects.equals(uid, label(pod, CREATED_BY))) {
                found = true;
            } else {
                client.resource(pod).delete();
            }
        }
        if (running && !found) {
            client.resource(launcherFor(vmi)).create();
        }
    }

    private static Pod launcherFor(GenericKubernetesResource vmi) {
        String name = vmi.getMetadata().getName();
        Map<String, String> labels = new HashMap<>(vmi.getMetadata().getLabels() == null ? Map.of() : vmi.getMetadata().getLabels());
        labels.put("kubevirt.io", LAUNCHER);
        labels.put(CREATED_BY, vmi.getMetadata().getUid());
        labels.put(VM_NAME, name);
        String node = (String) map(vmi.getAdditionalProperties().get("status")).get("nodeName");
        return new PodBuilder()
                .withNewMetadata().withName(LAUNCHER + "-" + name + "-" + suffix()).withNamespace(vmi.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(KubeVirtKinds.API_VERSION)
                        .withKind(KubeVirtKinds.VIRTUAL_MACHINE_INSTANCE.getKind()).withName(name)
                        .withUid(vmi.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withNewSpec().withNodeName(node)
                .addNewContainer().withName("compute").withImage(IMAGE).endContainer()
                .addNewContainer().withName(LOG_CONTAINER).withImage(IMAGE).endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewContainerStatus().withName("compute").withImage(IMAGE).withReady(true).withNewState().withNewRunning()
                .endRunning().endState().endContainerStatus()
                .addNewContainerStatus().withName(LOG_CONTAINER).withImage(IMAGE).withReady(true).withNewState().withNewRunning()
                .endRunning().endState().endContainerStatus()
                .endStatus()
                .build();
    }

    /** Five characters, as the pods a ReplicaSet or KubeVirt names with generateName get. */
    private static String suffix() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            sb.append(SUFFIX_CHARACTERS.charAt(ThreadLocalRandom.current().nextInt(SUFFIX_CHARACTERS.length())));
        }
        return sb.toString();
    }

    private static String label(HasMetadata o, String key) {
        return o.getMetadata().getLabels() == null ? null : o.getMetadata().getLabels().get(key);
    }

    /** Any change of a VMI or of a launcher pod: look at the VMI's pods again. */
    private final class Enqueue<T extends HasMetadata> implements ResourceEventHandler<T> {
        private final Function<T, String> key;

        Enqueue(Function<T, String> key) {
            this.key = key;
        }

        @Override
        public void onAdd(T o) {
            queue.add(key.apply(o));
        }

        @Override
        public void onUpdate(T old, T o) {
            queue.add(key.apply(o));
        }

        @Override
        public void onDelete(T o, boolean finalStateUnknown) {
            queue.add(key.apply(o));
        }
    }
}
