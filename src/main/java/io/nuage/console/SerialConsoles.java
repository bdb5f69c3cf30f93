package io.nuage.console;

import java.net.URI;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.nuage.errors.NuageError;
import io.nuage.kubevirt.TenantObjects;
import io.nuage.kubevirt.VirtualMachineInstance;

/**
 * The serial console of instances, read from the cluster. This is the one place the API calls Kubernetes (DESIGN.md:
 * "the API never calls Kubernetes"): a console's bytes and its log exist only there, so there is no row to read them
 * from. It stays small and read-only (a VirtualMachineInstance, a launcher pod, a container's log, KubeVirt's console
 * subresource) and writes nothing, so the rule that writes go through the database and the reconciler still holds.
 * The Fabric8 calls here block: {@link #log} and {@link #requireRunning} run on worker threads, never on an event loop.
 */
@ApplicationScoped
public class SerialConsoles {

    /** KubeVirt's {@code logSerialConsole} writes the serial console's output there, in the virt-launcher pod. */
    public static final String LOG_CONTAINER = "guest-console-log";
    /** KubeVirt's console subprotocol: one channel of raw serial bytes in binary frames. */
    public static final String PROTOCOL = "plain.kubevirt.io";

    private static final String RUNNING = "Running";

    private final KubernetesClient client;

    SerialConsoles(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The last {@code lines} lines of the instance's serial console, from its launcher pod's {@link #LOG_CONTAINER}.
     * Blocking.
     */
    public String log(String tenant, String instance, int lines) {
        String namespace = TenantObjects.namespaceName(tenant);
        Pod pod = launcher(namespace, requireRunning(tenant, instance));
        boolean logged = pod.getSpec() != null && pod.getSpec().getContainers().stream().anyMatch(c -> LOG_CONTAINER.equals(c.getName()));
        if (!logged) {
            throw NuageError.conflict("console_log_unavailable", "The instance '" + instance + "' runs without a serial console log:"
                    + " the cluster's KubeVirt has it off (spec.configuration.virtualMachineOptions.disableSerialConsoleLog)",
                    Map.of("instance", instance));
        }
        try {
            String log = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).inContainer(LOG_CONTAINER)
                    .tailingLines(lines).getLog();
            return log == null ? "" : log;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) { // the pod went between the lookup and the read: the instance stopped
                throw notRunning(instance);
            }
            throw e;
        }
    }

    /** The instance's VirtualMachineInstance, if it is running; else {@code 409 instance_not_running}. Blocking. */
    public VirtualMachineInstance requireRunning(String tenant, String instance) {
        VirtualMachineInstance vmi = client.resources(VirtualMachineInstance.class).inNamespace(TenantObjects.namespaceName(tenant))
                .withName(instance).get();
        if (vmi == null || vmi.getStatus() == null || !RUNNING.equals(vmi.getStatus().phase)) {
            throw notRunning(instance);
        }
        return vmi;
    }

    /**
     * Opens the instance's console on KubeVirt's {@code subresources.kubevirt.io} API, through the same client (the
     * same credentials and TLS) as every other call. Asynchronous; the listener hears the console's bytes.
     */
    public CompletableFuture<WebSocket> open(String tenant, String instance, WebSocket.Listener listener) {
        String base = client.getMasterUrl().toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/apis/subresources.kubevirt.io/v1/namespaces/" + TenantObjects.namespaceName(tenant)
                + "/virtualmachineinstances/" + instance + "/console");
        return client.getHttpClient().newWebSocketBuilder().uri(uri).subprotocol(PROTOCOL).connectTimeout(10, TimeUnit.SECONDS)
                .buildAsync(listener);
    }

    /** The running virt-launcher pod of this VirtualMachineInstance (by its uid: not one of an earlier run of the VM). */
    private Pod launcher(String namespace, VirtualMachineInstance vmi) {
        return client.pods().inNamespace(namespace).withLabel("kubevirt.io", "virt-launcher")
                .withLabel("kubevirt.io/created-by", vmi.getMetadata().getUid()).list().getItems().stream()
                .filter(p -> p.getStatus() != null && RUNNING.equals(p.getStatus().getPhase()))
                .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null ? "" : p.getMetadata().getCreationTimestamp()))
                .orElseThrow(() -> notRunning(vmi.getMetadata().getName()));
    }

    /** {@code 409 instance_not_running}, also when KubeVirt itself refuses the console of a guest that stopped. */
    public static NuageError notRunning(String instance) {
        return NuageError.conflict("instance_not_running", "The instance '" + instance + "' is not running: it has no console"
                + " until it runs", Map.of("instance", instance));
    }
}
