package io.nuage.reconciler;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nuage.db.Sql;
import io.nuage.kubevirt.Labels;
import io.nuage.kubevirt.TemplateMetadata;
import io.nuage.kubevirt.VirtualMachine;
import io.quarkus.runtime.Startup;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Which installation of Nuage this is: the id migration V11 generated once, kept in the database, so every replica
 * of one installation shares it and a second installation (its own database) has another. Every object Nuage writes
 * carries it as the label {@link Labels#INSTALLATION}; the watches, the orphan sweep and every delete select on it.
 * Read at start-up, so that no caller ever waits for it (the API asks on an event-loop thread).
 */
@Startup
@Singleton
public class Installation {

    private static final Logger LOG = Logger.getLogger(Installation.class);

    private final String id;

    @Inject
    Installation(Pool pool) {
        this(pool.query("SELECT id FROM installation").execute().await().atMost(Sql.AWAIT).iterator().next().getUUID("id")
                .toString());
        LOG.infof("Installation %s: the Kubernetes objects this Nuage writes carry %s=%s, and it touches no other",
                id, Labels.INSTALLATION, id);
    }

    /** An installation of that id: for tests. */
    Installation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** What every watch selects: our managed-by label and this installation's. */
    Map<String, String> selector() {
        Map<String, String> selector = new LinkedHashMap<>(Labels.managedSelector());
        selector.put(Labels.INSTALLATION, id);
        return selector;
    }

    /** Whether the object carries this installation's label: only then may Nuage change or delete it. */
    public boolean owns(HasMetadata o) {
        Map<String, String> labels = o.getMetadata() == null ? null : o.getMetadata().getLabels();
        return labels != null && id.equals(labels.get(Labels.INSTALLATION));
    }

    /**
     * Adds this installation's label to the object, and to a VirtualMachine's template, which KubeVirt copies to the
     * VirtualMachineInstance (watched, so selected on it too). Done to the object as built, before it is compared with
     * the cluster's copy, so that the two match and an idle pass writes nothing. Returns the object.
     */
    <T extends HasMetadata> T stamp(T o) {
        o.getMetadata().setLabels(with(o.getMetadata().getLabels()));
        if (o instanceof VirtualMachine vm && vm.getSpec() != null && vm.getSpec().template != null) {
            TemplateMetadata template = vm.getSpec().template.metadata;
            vm.getSpec().template.metadata = new TemplateMetadata(with(template == null ? null : template.labels));
        }
        // KubeVirt copies these labels to the DataVolumes it makes with the VM, and CDI to their PVCs.
        if (o instanceof VirtualMachine vm && vm.getSpec() != null && vm.getSpec().dataVolumeTemplates != null) {
            vm.getSpec().dataVolumeTemplates.forEach(t -> t.metadata.labels = with(t.metadata.labels));
        }
        return o;
    }

    /** The labels plus this installation's, insertion-ordered (stable JSON), as a new map: the builders' are read-only. */
    private Map<String, String> with(Map<String, String> labels) {
        Map<String, String> stamped = labels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(labels);
        stamped.put(Labels.INSTALLATION, id);
        return stamped;
    }
}
