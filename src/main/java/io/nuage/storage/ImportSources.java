package io.nuage.storage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.nuage.errors.FieldError;
import io.nuage.errors.NuageError;
import io.nuage.platform.NuageConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Where a volume may import from. CDI's importer fetches an http(s) URL or a registry image from inside the cluster, so
 * a source naming an internal address would make the cluster fetch it for the tenant: the host must be public. Its
 * name is looked up (off the event loop) and every address it has must be public and outside the cluster's CIDRs;
 * addresses written in any form a resolver reads are checked as addresses; local names (one label, localhost,
 * .local, .internal) and names that do not resolve are refused alike, so the answer does not tell which internal names
 * exist. The operator's allow-list ({@code nuage.storage.imports.allow}) overrides. Read at start-up: a malformed
 * entry stops Nuage.
 */
@Singleton
@io.quarkus.runtime.Startup
public class ImportSources {

    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private final HostResolver resolver;
    private final List<AddressBlock> cluster;
    private final List<AddressBlock> allowedBlocks = new ArrayList<>();
    private final List<String> allowedNames = new ArrayList<>();

    @Inject
    ImportSources(NuageConfig config, HostResolver resolver) {
        this(resolver, config.cluster().internalCidrs(),
                config.storage().imports().allow().orElse(List.of()));
    }

    ImportSources(HostResolver resolver, List<String> clusterCidrs, List<String> allow) {
        this.resolver = resolver;
        this.cluster = clusterCidrs.stream().map(c -> block(c, "nuage.cluster.internal-cidrs")).toList();
        for (String entry : allow) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.contains("/") || ImportHosts.strictLiteral(e) != null) {
                allowedBlocks.add(block(e, "allow"));
            } else if (ImportHosts.normalise(e.startsWith("*.") ? e.substring(2) : e) != null) {
                allowedNames.add(e.startsWith("*.") ? e.substring(1) : e);
            } else {
                throw new IllegalStateException("nuage.storage.imports.allow: '" + entry
                        + "' is neither a CIDR, an address nor a host name");
            }
        }
    }

    /** The source, when it may be imported from; 422 source_not_allowed naming the field otherwise. Blank and snapshot pass. */
    public Uni<VolumeSource> check(VolumeSource source) {
        String field;
        Optional<String> host;
        switch (source.type()) {
            case IMAGE_URL -> {
                field = "source.image_url";
                host = Optional.ofNullable(ImportHosts.ofUrl(source.imageUrl())).or(() -> Optional.of(""));
            }
            case REGISTRY -> {
                field = "source.registry";
                host = ImportHosts.ofRegistry(source.registry()); // none: Docker Hub
            }
            default -> {
                return Uni.createFrom().item(source);
            }
        }
        if (host.isEmpty()) {
            return Uni.createFrom().item(source);
        }
        String name = ImportHosts.normalise(host.get());
        if (name != null && nameAllowed(name)) {
            return Uni.createFrom().item(source);
        }
        InetAddress literal = name == null ? null : ImportHosts.literal(name);
        if (name == null || literal != null || ImportHosts.isLocalName(name)) {
            return literal != null && allowed(literal) ? Uni.createFrom().item(source)
                    : Uni.createFrom().failure(refusal(field));
        }
        return lookUp(name).map(addresses -> {
            if (addresses.isEmpty() || !addresses.stream().allMatch(this::allowed)) {
                throw refusal(field);
            }
            return source;
        });
    }

    /** Every address of the name, none when it does not resolve in time; looked up on a worker, answered on the caller's context. */
    private Uni<List<InetAddress>> lookUp(String name) {
        Context caller = Vertx.currentContext();
        Uni<List<InetAddress>> lookup = Uni.createFrom().item(() -> {
            try {
                return resolver.resolve(name);
            } catch (UnknownHostException e) {
                return List.<InetAddress>of();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(LOOKUP_TIMEOUT).recoverWithItem(List.of());
        return caller == null ? lookup : lookup.emitOn(task -> caller.runOnContext(v -> task.run()));
    }

    boolean allowed(InetAddress address) {
        InetAddress effective = ImportHosts.effective(address);
        if (allowedBlocks.stream().anyMatch(b -> b.contains(address) || b.contains(effective))) {
            return true;
        }
        return ImportHosts.isPublic(address) && cluster.stream().noneMatch(b -> b.contains(address) || b.contains(effective));
    }

    boolean nameAllowed(String name) {
        return allowedNames.stream().anyMatch(a -> a.startsWith(".") ? name.endsWith(a) : name.equals(a));
    }

    private static NuageError refusal(String field) {
        return NuageError.rejectedField("source_not_allowed", field + ": volumes import from public hosts only",
                new FieldError(field, "must name a host whose every address is public: not loopback, private, link-local,"
                        + " the cluster's own, or a name that does not resolve"));
    }

    private static AddressBlock block(String cidr, String key) {
        try {
            return AddressBlock.parse(cidr);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("nuage.storage.imports." + key + ": " + e.getMessage());
        }
    }
}
