package io.nuage.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.nuage.environment.Environment;
import io.nuage.errors.FieldError;
import io.nuage.errors.NuageError;
import io.smallrye.mutiny.Uni;

/**
 * Creates and changes an environment's members through their kinds' own creates and PATCHes, so a member is checked
 * exactly as it would be alone; a refusal names the member ({@code instances[0]}, {@code instances/web}). Networks
 * first, then volumes, then the instances that use them. Members a PATCH drops are left to the sweep, which deletes
 * them in the order the API accepts.
 */
@ApplicationScoped
class EnvironmentMembers {

    private final NetworkResource networks;
    private final VolumeResource volumes;
    private final InstanceResource instances;
    private final EnvironmentDocument document;

    EnvironmentMembers(NetworkResource networks, VolumeResource volumes, InstanceResource instances, EnvironmentDocument document) {
        this.networks = networks;
        this.volumes = volumes;
        this.instances = instances;
        this.document = document;
    }

    /** Creates the members of {@code wanted} that {@code had} does not declare, and changes those it declares otherwise. */
    Uni<Void> apply(String tenant, Environment e, EnvironmentDocument.Members had, EnvironmentDocument.Members wanted) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        chain = each(chain, "networks", wanted.networks(), index(had.networks(), NetworkCreate::name), NetworkCreate::name,
                b -> () -> networks.create(tenant, EnvironmentDocument.member(e, b)).replaceWithVoid(),
                b -> () -> networks.patch(tenant, e.memberName(b.name()), null, new NetworkPatch(e.memberName(b.name()), b.cidr(),
                        b.gateway(), b.dnsServers(), b.firewallRules(), EnvironmentDocument.member(e, b).labels())).replaceWithVoid());
        chain = each(chain, "volumes", wanted.volumes(), index(had.volumes(), VolumeCreate::name), VolumeCreate::name,
                b -> () -> volumes.create(tenant, EnvironmentDocument.member(e, b)).replaceWithVoid(),
                b -> () -> volumes.patch(tenant, e.memberName(b.name()), null, new VolumePatch(e.memberName(b.name()), b.sizeGib(),
                        EnvironmentDocument.member(e, b).labels())).replaceWithVoid());
        return each(chain, "instances", wanted.instances(), index(had.instances(), InstanceCreate::name), InstanceCreate::name,
                b -> () -> instances.create(tenant, EnvironmentDocument.member(e, b)).replaceWithVoid(),
                b -> () -> change(tenant, e, index(had.instances(), InstanceCreate::name).get(b.name()), b));
    }

    /**
     * An instance's own PATCH, then its volumes: those added attached (hot-plugged when it runs), those removed
     * detached. Its NICs are fixed at creation, as they are for any instance.
     */
    private Uni<Void> change(String tenant, Environment e, InstanceCreate before, InstanceCreate after) {
        if (!Objects.equals(list(before.networks()), list(after.networks()))) {
            throw NuageError.immutable("An instance's networks are fixed at creation",
                    List.of(new FieldError("networks", "cannot be changed")));
        }
        InstanceCreate m = EnvironmentDocument.member(e, after);
        Uni<Void> chain = instances.patch(tenant, m.name(), null, new InstancePatch(m.name(), m.vcpus(), m.memoryMib(), m.image(),
                m.sshKeys(), m.userData(), m.labels(), m.region(), m.running())).replaceWithVoid();
        List<String> had = list(before.volumes());
        List<String> wants = list(after.volumes());
        for (String v : wants) {
            if (!had.contains(v)) {
                chain = chain.chain(() -> instances.attach(tenant, m.name(), null, new VolumeAttach(e.memberName(v))).replaceWithVoid());
            }
        }
        for (String v : had) {
            if (!wants.contains(v)) {
                chain = chain.chain(() -> instances.detach(tenant, m.name(), e.memberName(v), null).replaceWithVoid());
            }
        }
        return chain;
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** For each body: created when new, changed when it differs from what was declared; a refusal names the member. */
    private <B> Uni<Void> each(Uni<Void> chain, String kind, List<B> wanted, Map<String, B> had, Function<B, String> name,
            Function<B, Supplier<Uni<Void>>> create, Function<B, Supplier<Uni<Void>>> change) {
        for (int i = 0; i < wanted.size(); i++) {
            B body = wanted.get(i);
            B before = had.get(name.apply(body));
            boolean changed = before != null && (!document.kept(before).equals(document.kept(body)) || body instanceof InstanceCreate c
                    && c.userData() != null);
            if (before != null && !changed) {
                continue;
            }
            Supplier<Uni<Void>> step = before == null ? create.apply(body) : change.apply(body);
            String path = kind + "[" + i + "]";
            String member = kind + "/" + name.apply(body);
            chain = chain.chain(() -> step.get().onFailure(NuageError.class).transform(f -> ((NuageError) f).about(path, member)));
        }
        return chain;
    }

    private static <B> Map<String, B> index(List<B> bodies, Function<B, String> name) {
        Map<String, B> byName = new HashMap<>();
        bodies.forEach(b -> byName.put(name.apply(b), b));
        return byName;
    }
}
