package io.nuage.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.nuage.kubevirt.Labels;

/**
 * Baseline B of the sustained benchmark: the VirtualMachines Nuage created for the measured instances, POSTed again
 * straight to the same simulated API server with Fabric8 and run to Running by the same simulated KubeVirt. The
 * copies keep Nuage's spec as the API server holds it (JSON as stored, no typed model in between) and lose what
 * would make Nuage take them for its own: their metadata is only a name, a fresh {@code direct-*} namespace and a
 * label of ours, and the template's Nuage labels (which KubeVirt copies onto the instance and its pod) go too.
 */
final class DirectPath implements AutoCloseable {

    private static final ResourceDefinitionContext VIRTUAL_MACHINES = new ResourceDefinitionContext.Builder()
            .withGroup("kubevirt.io").withVersion("v1").withKind("VirtualMachine").withPlural("virtualmachines")
            .withNamespaced(true).build();
    private static final Map<String, String> DIRECT_LABELS = Map.of("app", "bench-direct");

    private final KubernetesClient kube;
    private final int apiServerPort;

    /** Creates per second (first sent to last answered), VMs Running per second (first sent to last seen Running). */
    record Result(int vms, double createsPerSecond, double runningPerSecond) {
    }

    DirectPath(Path kubeconfig, String apiServerUrl) throws Exception {
        this.kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        this.apiServerPort = URI.create(apiServerUrl).getPort();
    }

    /** Nuage's VirtualMachines of the instances {@code ids}, from the API server, as copies to create in {@code namespace}. */
    List<GenericKubernetesResource> copiesOf(Set<String> ids, String namespace) {
        List<GenericKubernetesResource> copies = new ArrayList<>(ids.size());
        for (GenericKubernetesResource vm : kube.genericKubernetesResources(VIRTUAL_MACHINES).inAnyNamespace()
                .withLabel(Labels.MANAGED_BY, Labels.MANAGER).list().getItems()) {
            if (ids.contains(vm.getMetadata().getLabels().get(Labels.RESOURCE_ID))) {
                copies.add(copy(vm, namespace));
            }
        }
        return copies;
    }

    private GenericKubernetesResource copy(GenericKubernetesResource vm, String namespace) {
        GenericKubernetesResource copy = new GenericKubernetesResource();
        copy.setApiVersion(vm.getApiVersion());
        copy.setKind(vm.getKind());
        copy.setMetadata(new ObjectMetaBuilder().withName(vm.getMetadata().getName()).withNamespace(namespace)
                .withLabels(DIRECT_LABELS).build());
        // A deep copy of the spec, status left behind: the simulated KubeVirt writes the copy's own.
        GenericKubernetesResource cloned = kube.getKubernetesSerialization().clone(vm);
        Map<String, Object> spec = cloned.get("spec");
        Map<String, Object> templateMetadata = cloned.get("spec", "template", "metadata");
        if (templateMetadata != null && templateMetadata.get("labels") instanceof Map<?, ?> labels) {
            Map<String, Object> kept = new java.util.LinkedHashMap<>();
            labels.forEach((k, v) -> {
                if (!isNuages(k.toString())) {
                    kept.put(k.toString(), v);
                }
            });
            kept.putAll(DIRECT_LABELS);
            templateMetadata.put("labels", kept);
        }
        copy.setAdditionalProperty("spec", spec);
        return copy;
    }

    /** The object as it is POSTed, for a look at what the direct path creates. */
    String json(GenericKubernetesResource copy) {
        return kube.getKubernetesSerialization().asJson(copy);
    }

    /** Nuage's labels: its manager label, which its watches select, and every {@code nuage.io/} one (installation...). */
    private static boolean isNuages(String label) {
        return label.equals(Labels.MANAGED_BY) || label.startsWith("nuage.io/");
    }

    /**
     * Creates the copies from {@code clients} threads of one Fabric8 client, each sending its next create once its
     * previous one answered, and waits (at most {@code limit}) until a watch has seen every one Running. Runs
     * {@code createsEnded} once the last create has answered (to read the CPU there).
     */
    Result run(List<GenericKubernetesResource> copies, String namespace, int clients, Duration limit, Runnable createsEnded)
            throws Exception {
        int n = copies.size();
        try (VmProgress progress = VmProgress.watch(apiServerPort, namespace, n)) {
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    done.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            kube.genericKubernetesResources(VIRTUAL_MACHINES).inNamespace(namespace).resource(copies.get(i)).create();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            long lastAnswered = System.nanoTime();
            createsEnded.run();
            long allRunning = progress.awaitAllRunning(limit);
            if (allRunning == 0) {
                throw new AssertionError("the direct VirtualMachines of " + namespace + " were not all Running within " + limit);
            }
            return new Result(n, n / ((lastAnswered - start) / 1e9), n / ((allRunning - start) / 1e9));
        }
    }

    @Override
    public void close() {
        kube.close();
    }
}
