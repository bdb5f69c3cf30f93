package io.nuage.reconciler;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.nuage.kubevirt.Labels;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.work.WorkKind;

/**
 * Objects written before installations had ids (before migration V11) carry our managed-by label but no installation
 * label: the watches, which select on this installation's, would not see them, and passes would try to create them
 * again, in vain. At start, before the watches, those whose resource this database has (live or tombstoned) get this
 * installation's label, in one merge patch each. Resource ids are random UUIDs: another installation's objects never
 * name one of ours, and are left alone.
 */
@Singleton
class LegacyObjects {

    private static final Logger LOG = Logger.getLogger(LegacyObjects.class);
    private static final Duration WHOLE_TABLE = Duration.ofSeconds(60);

    private final Cluster cluster;
    private final Installation installation;
    private final WorkQueue queue;

    LegacyObjects(Cluster cluster, Installation installation, WorkQueue queue) {
        this.cluster = cluster;
        this.installation = installation;
        this.queue = queue;
    }

    /** Labels the unlabelled objects of every type the kinds watch, and the tenants' namespaces. Returns how many. */
    int adopt(List<KindReconciler> kinds) {
        int adopted = adopt(WorkKind.TENANT, new KindReconciler.Watched(Namespace.class, Map.of(), KindReconciler.Orphans.KEPT), null);
        List<String> ours = null;
        for (KindReconciler k : kinds) {
            for (KindReconciler.Watched w : k.watches().stream().distinct().toList()) {
                if (!w.perNamespace()) {
                    adopted += adopt(k.kind(), w, null);
                    continue;
                }
                // Nuage may list these only inside its own namespaces (deploy/kubernetes.yaml): one list in each.
                ours = ours != null ? ours : ourNamespaces();
                for (String namespace : ours) {
                    adopted += adopt(k.kind(), w, namespace);
                }
            }
        }
        if (adopted > 0) {
            LOG.infof("Labelled %d object(s) written before installations had ids as installation %s's", adopted,
                    installation.id());
        }
        return adopted;
    }

    /** This installation's namespaces (the tenants'), their legacy ones just adopted included. */
    private List<String> ourNamespaces() {
        try {
            return cluster.client().namespaces().withLabels(installation.selector()).list().getItems().stream()
                    .map(ns -> ns.getMetadata().getName()).toList();
        } catch (KubernetesClientException e) {
            return List.of(); // not allowed, or the cluster is away: the namespace watch reports it
        }
    }

    /** Adopts the unlabelled objects of the type in that namespace, or in all for null. */
    private int adopt(WorkKind kind, KindReconciler.Watched watched, String namespace) {
        Map<String, String> selector = new LinkedHashMap<>(Labels.managedSelector());
        selector.putAll(watched.labels());
        List<? extends HasMetadata> unlabelled;
        try {
            var resources = cluster.client().resources(watched.type());
            unlabelled = (namespace == null ? resources.inAnyNamespace() : resources.inNamespace(namespace)).withLabels(selector)
                    .withoutLabel(Labels.INSTALLATION).list().getItems();
        } catch (KubernetesClientException e) {
            return 0; // an API the cluster does not serve, or may not be listed: its watch reports it
        }
        List<UUID> ids = unlabelled.stream().map(ClusterCache::resourceId).filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return 0;
        }
        Set<UUID> ours = queue.known(kind, ids).await().atMost(WHOLE_TABLE).keySet();
        int adopted = 0;
        for (HasMetadata o : unlabelled) {
            if (ours.contains(ClusterCache.resourceId(o))) {
                cluster.client().resource(o).patch(PatchContext.of(PatchType.JSON_MERGE), patch(o));
                adopted++;
            }
        }
        return adopted;
    }

    /** Our label on the object, and on a VirtualMachine's template too, as {@link Installation#stamp} puts it. */
    private String patch(HasMetadata o) {
        String labels = "{\"labels\":{\"" + Labels.INSTALLATION + "\":\"" + installation.id() + "\"}}";
        return o instanceof VirtualMachine
                ? "{\"metadata\":" + labels + ",\"spec\":{\"template\":{\"metadata\":" + labels + "}}}"
                : "{\"metadata\":" + labels + "}";
    }
}
