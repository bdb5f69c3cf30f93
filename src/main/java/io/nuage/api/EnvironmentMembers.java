package io.nuage.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

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

    /** One member's create or change: the id of the member it created, or null for a change. */
    @FunctionalInterface
    private interface Step<B> {
        Uni<UUID> run(B body);
    }

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

    /**
     * Creates the members {@code wanted} declares and {@code had} did not, and changes those it declares otherwise;
     * answers the ids of the members created.
     */
    Uni<List<UUID>> apply(String tenant, Environment e, EnvironmentDocument.Members had, EnvironmentDocument.Members wanted) {
        List<UUID> created = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        chain = each(chain, created, "networks", wanted.networks(), had.networks(), NetworkCreate::name, had, wanted,
                b -> networks.created(tenant, EnvironmentDocument.member(e, b)).map(n -> n.id()),
                b -> {
                    NetworkCreate m = EnvironmentDocument.member(e, b);
                    return networks.patch(tenant, m.name(), null, new NetworkPatch(m.name(), m.cidr(), m.gateway(), m.dnsServers(),
                            m.firewallRules(), m.labels(), null)).replaceWith((UUID) null);
                });
        chain = each(chain, created, "volumes", wanted.volumes(), had.volumes(), VolumeCreate::name, had, wanted,
                b -> volumes.created(tenant, EnvironmentDocument.member(e, b)).map(v -> v.id()),
                b -> {
                    VolumeCreate m = EnvironmentDocument.member(e, b);
                    return volumes.patch(tenant, m.name(), null, new VolumePatch(m.name(), m.sizeGib(), m.labels(), null)).replaceWith((UUID) null);
                });
        Map<String, InstanceCreate> before = index(had.instances(), InstanceCreate::name);
        chain = each(chain, created, "instances", wanted.instances(), had.instances(), InstanceCreate::name, had, wanted,
                b -> instances.created(tenant, EnvironmentDocument.member(e, b)).map(i -> i.id()),
                b -> change(tenant, e, before.get(b.name()), b).replaceWith((UUID) null));
        return chain.map(v -> created);
    }

    /** For each body: created when new, changed when it differs from what was declared; a refusal names the member. */
    private <B> Uni<Void> each(Uni<Void> chain, List<UUID> created, String kind, List<B> wanted, List<B> declared,
            Function<B, String> name, EnvironmentDocument.Members had, EnvironmentDocument.Members next, Step<B> create, Step<B> change) {
        Map<String, B> before = index(declared, name);
        for (int i = 0; i < wanted.size(); i++) {
            B body = wanted.get(i);
            String n = name.apply(body);
            B was = before.get(n);
            boolean changed = was != null && (!document.kept(was).equals(document.kept(body))
                    || !Objects.equals(next.userDataSha256().get(n), had.userDataSha256().get(n)));
            if (was != null && !changed) {
                continue;
            }
            Step<B> step = was == null ? create : change;
            String path = kind + "[" + i + "]";
            String member = kind + "/" + n;
            chain = chain.chain(() -> step.run(body).onFailure(NuageError.class).transform(f -> ((NuageError) f).about(path, member)))
                    .invoke(id -> {
                        if (id != null) {
                            created.add(id);
                        }
                    }).replaceWithVoid();
        }
        return chain;
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
                m.sshKeys(), m.userData(), m.labels(), m.region(), m.running(), m.sshKeyNames(),
                m.instanceType(), m.boot() == null ? null : new InstanceBoot(null, m.boot().sizeGib()))).replaceWithVoid();
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

    private static <B> Map<String, B> index(List<B> bodies, Function<B, String> name) {
        Map<String, B> byName = new HashMap<>();
        bodies.forEach(b -> byName.put(name.apply(b), b));
        return byName;
    }
}
