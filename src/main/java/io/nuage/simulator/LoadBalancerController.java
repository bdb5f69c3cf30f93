package io.nuage.simulator;

import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.LoadBalancerStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * Does to Services of type LoadBalancer, in every namespace, what MetalLB would: announces the address pinned by the
 * annotation {@value #PIN} (one address), or else one of its own pool ({@value #POOL}, a benchmarking range no Nuage
 * pool uses), by writing it to {@code status.loadBalancer.ingress[].ip}, and nothing before that. Other Services are
 * left alone. Its informer is the controller client's: it stops when that client closes.
 */
final class LoadBalancerController implements ResourceEventHandler<Service> {

    static final String PIN = "metallb.universe.tf/loadBalancerIPs";
    static final String POOL = "198.18.0.0/15";
    /** A Service whose status write failed is looked at again by the informer's next resync. */
    private static final long RESYNC_MILLIS = 2_000;

    private final KubernetesClient client;
    private final IpAllocator pool = new IpAllocator(Ipv4Cidr.parse(POOL));

    private LoadBalancerController(KubernetesClient client) {
        this.client = client;
    }

    static void start(KubernetesClient client) {
        client.services().inAnyNamespace().inform(new LoadBalancerController(client), RESYNC_MILLIS);
    }

    @Override
    public void onAdd(Service s) {
        announce(s);
    }

    @Override
    public void onUpdate(Service old, Service s) {
        announce(s);
    }

    @Override
    public void onDelete(Service s, boolean finalStateUnknown) {
        pool.release(Cache.metaNamespaceKeyFunc(s));
    }

    private void announce(Service s) {
        if (s.getSpec() == null || !"LoadBalancer".equals(s.getSpec().getType())) {
            return;
        }
        String key = Cache.metaNamespaceKeyFunc(s);
        Map<String, String> annotations = s.getMetadata().getAnnotations();
        String pinned = annotations == null ? null : annotations.get(PIN);
        String address = pinned != null ? pinned.split(",")[0].trim() : pool.allocate(key);
        LoadBalancerStatus want = new LoadBalancerStatusBuilder().withIngress(new LoadBalancerIngressBuilder().withIp(address).build())
                .build();
        if (s.getStatus() != null && Objects.equals(want, s.getStatus().getLoadBalancer())) {
            return;
        }
        try {
            client.resource(new ServiceBuilder(s).withNewStatus().withLoadBalancer(want).endStatus().build()).updateStatus();
        } catch (RuntimeException e) {
            // Changed or deleted meanwhile: the update event or the resync brings it back if it is still there.
        }
    }
}
