package io.nuage.reconciler;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nuage.kubevirt.ImageObjects;
import io.nuage.platform.NuageConfig;

/**
 * The namespace of the operator's image catalog ({@code nuage.images.namespace}), made by the first pass over a catalog
 * image with our labels and, before anything else in it, the RoleBinding that gives Nuage its rights there (as a
 * tenant's). A namespace of that name that is not this installation's, or that is a tenant's, is never used.
 */
@Singleton
public class ImageCatalog {

    private static final Logger LOG = Logger.getLogger(ImageCatalog.class);

    private final Cluster cluster;
    private final Installation installation;
    private final ClusterNamespaces namespaces;
    private final String namespace;
    private final String[] serviceAccount;
    /** The namespace this replica made or found with its RoleBinding: nothing is sent again until it is gone. */
    private volatile String bound;

    ImageCatalog(Cluster cluster, Installation installation, ClusterNamespaces namespaces, NuageConfig config) {
        this.cluster = cluster;
        this.installation = installation;
        this.namespaces = namespaces;
        this.namespace = config.images().namespace();
        this.serviceAccount = config.cluster().serviceAccount().split("/", -1);
    }

    public String namespace() {
        return namespace;
    }

    /** Makes sure the catalog's namespace is there and ours; the reason it cannot be used, or null when it can. */
    String ensure() {
        Namespace ns = namespaces.get(namespace);
        if (ns != null && !isCatalogs(ns)) {
            return "Namespace " + namespace + " exists but is not this installation's image catalog: Nuage leaves it alone."
                    + " Delete it, or set nuage.images.namespace to another";
        }
        if (ns != null && namespace.equals(bound)) {
            return null;
        }
        KubernetesClient client = cluster.client();
        if (ns == null) {
            if (!create(client, ImageObjects.catalogNamespace(namespace))) {
                return "Namespace " + namespace + " exists and is not shown yet: whose it is is checked before it is used";
            }
            LOG.infof("Created namespace %s for the image catalog", namespace);
        }
        create(client, ImageObjects.catalogRoleBinding(namespace, serviceAccount[0], serviceAccount[1]));
        bound = namespace;
        return null;
    }

    /** Made by this installation for the catalog: a tenant's namespace (it names its tenant) never is. */
    private boolean isCatalogs(Namespace ns) {
        return installation.owns(ns) && ClusterCache.resourceId(ns) == null;
    }

    /** Creates the object: true if it did, false if one was there already (409). */
    private boolean create(KubernetesClient client, HasMetadata o) {
        try {
            client.resource(installation.stamp(o)).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            return false;
        }
    }
}
