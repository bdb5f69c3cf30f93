package io.nuage.simulator;

import static io.nuage.simulator.Untyped.list;
import static io.nuage.simulator.Untyped.map;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Duration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * Does to VirtualMachineExports of a PVC what KubeVirt's export controller would: while a running VM (one with a VMI)
 * has the PVC among its volumes, or the PVC is missing, the export is Pending (condition Ready False, reason InUse
 * for a PVC in use); otherwise it is Ready, with links for the formats raw and gzip, from outside the cluster through
 * the export proxy at {@value #PROXY} and from inside through the export server's Service, and the token Secret's name.
 * Nothing is served: the URLs lead nowhere. The informer's resync looks again every second, so an export goes Ready
 * soon after its VM stops. Its informer is the controller client's: it stops when that client closes.
 */
final class ExportController implements ResourceEventHandler<GenericKubernetesResource> {

    /** The simulated cluster's export proxy host, as KubeVirt's Ingress or Route would expose it. */
    static final String PROXY = "vmexport-proxy.nuage-simulated.example";
    private static final long RESYNC_MILLIS = 1_000;

    private final KubernetesClient client;

    private ExportController(KubernetesClient client) {
        this.client = client;
    }

    static void start(KubernetesClient client) {
        client.genericKubernetesResources(KubeVirtKinds.EXPORT).inAnyNamespace().inform(new ExportController(client), RESYNC_MILLIS);
    }

    @Override
    public void onAdd(GenericKubernetesResource e) {
        observe(e);
    }

    @Override
    public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource e) {
        observe(e);
    }

    @Override
    public void onDelete(GenericKubernetesResource e, boolean finalStateUnknown) {
        // The export server goes with its export: nothing to do.
    }

    private void observe(GenericKubernetesResource e) {
        Map<String, Object> spec = map(e.getAdditionalProperties().get("spec"));
        Map<String, Object> source = map(spec.get("source"));
        if (!"PersistentVolumeClaim".equals(source.get("kind"))) {
            return; // Nuage exports PVCs only
        }
        String namespace = e.getMetadata().getNamespace();
        String pvc = (String) source.get("name");
        Map<String, Object> status = new LinkedHashMap<>();
        try {
            boolean exists = client.persistentVolumeClaims().inNamespace(namespace).withName(pvc).get() != null;
            boolean inUse = exists && inUse(namespace, pvc);
            if (!exists || inUse) {
                status.put("phase", "Pending");
                status.put("conditions", List.of(condition("False", inUse ? "InUse" : "PVCNotFound",
                        inUse ? "pvc " + namespace + "/" + pvc + " is in use" : "pvc " + namespace + "/" + pvc + " not found")));
            } else {
                status.put("phase", "Ready");
                status.put("conditions", List.of(condition("True", "PodReady", "")));
                status.put("links", links(namespace, e.getMetadata().getName(), pvc));
                status.put("serviceName", "virt-export-" + e.getMetadata().getName());
            }
            status.put("tokenSecretRef", spec.get("tokenSecretRef"));
            status.put("ttlExpirationTime", expiry(e, (String) spec.get("ttlDuration")));
            if (!Objects.equals(status, map(e.getAdditionalProperties().get("status")))) {
                Untyped.patchStatus(client, KubeVirtKinds.EXPORT, namespace, e.getMetadata().getName(), status);
            }
        } catch (RuntimeException failed) {
            // Changed or deleted meanwhile: the informer's resync brings it back if it is still there.
        }
    }

    /** Whether a running VM (it has a VMI) has the PVC among its volumes, as a DataVolume or a claim. */
    private boolean inUse(String namespace, String pvc) {
        for (GenericKubernetesResource vmi : client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE_INSTANCE)
                .inNamespace(namespace).list().getItems()) {
            GenericKubernetesResource vm = client.genericKubernetesResources(KubeVirtKinds.VIRTUAL_MACHINE).inNamespace(namespace)
                    .withName(vmi.getMetadata().getName()).get();
            // The VM's template holds hot-plugged volumes too; the VMI's spec, those it started with.
            Map<String, Object> spec = vm != null ? map(map(map(vm.getAdditionalProperties().get("spec")).get("template")).get("spec"))
                    : map(vmi.getAdditionalProperties().get("spec"));
            for (Object volume : list(spec.get("volumes"))) {
                Map<String, Object> v = map(volume);
                if (pvc.equals(map(v.get("dataVolume")).get("name")) || pvc.equals(map(v.get("persistentVolumeClaim")).get("claimName"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The export proxy's and the export server's URLs of the PVC, as KubeVirt names them. */
    private static Map<String, Object> links(String namespace, String export, String pvc) {
        String external = "https://" + PROXY + "/api/export.kubevirt.io/v1beta1/namespaces/" + namespace + "/virtualmachineexports/"
                + export + "/volumes/" + pvc + "/";
        String internal = "https://virt-export-" + export + "." + namespace + ".svc/volumes/" + pvc + "/";
        return Map.of("external", link(external, pvc), "internal", link(internal, pvc));
    }

    private static Map<String, Object> link(String base, String pvc) {
        return Map.of("cert", "", "volumes", List.of(Map.of("name", pvc, "formats", List.of(
                Map.of("format", "raw", "url", base + "disk.img"), Map.of("format", "gzip", "url", base + "disk.img.gz")))));
    }

    private static Map<String, Object> condition(String status, String reason, String message) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", "Ready");
        c.put("status", status);
        c.put("reason", reason);
        c.put("message", message);
        return c;
    }

    /** Creation plus the TTL (KubeVirt's default, 2 h, without one). */
    private static String expiry(GenericKubernetesResource e, String ttl) {
        Instant created = e.getMetadata().getCreationTimestamp() == null ? Instant.now()
                : Instant.parse(e.getMetadata().getCreationTimestamp());
        java.time.Duration d = java.time.Duration.ofHours(2);
        if (ttl != null) {
            try {
                d = Duration.parse(ttl).getDuration();
            } catch (java.text.ParseException | RuntimeException unreadable) {
                // KubeVirt's API server would have refused it; the default stands
            }
        }
        return created.plus(d).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
