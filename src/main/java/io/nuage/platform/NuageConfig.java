package io.nuage.platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Nuage's own settings ({@code nuage.*}); see application.properties for what each means. */
@ConfigMapping(prefix = "nuage")
public interface NuageConfig {

    String dataDir();

    Optional<String> adminToken();

    /** Base64 of 32 bytes; seals user data in the database (SecretBox). */
    Optional<String> secretKey();

    /**
     * The regions offered, by name ({@code nuage.regions."fr-par".country=FR}); none configured: fr-par (FR), nl-ams (NL)
     * and de-fra (DE). Read through {@link RegionDirectory}, which checks them at start.
     */
    Map<String, RegionSettings> regions();

    String defaultRegion();

    TenantDefaults tenantDefaults();

    Database database();

    Cluster cluster();

    Reconciler reconciler();

    Storage storage();

    Sla sla();

    Api api();

    Environments environments();

    Instances instances();

    Audit audit();

    interface Audit {
        /** How long audit entries are kept; older ones are pruned daily behind a signed checkpoint. */
        @WithDefault("400d")
        Duration retention();
    }

    UsageSettings usage();

    PriceSettings prices();

    interface Instances {
        /**
         * Guest users whose authorized_keys the QEMU guest agent keeps equal to the keys of an instance that names SSH
         * keys (ssh_key_names), so that a changed key reaches the running guest. Set them to your images' default users.
         */
        @WithDefault("cloud-user")
        List<String> sshKeyUsers();
    }

    PublicIps publicIps();

    interface PublicIps {
        /**
         * By region, the IPv4 block its public addresses come from ({@code nuage.public-ips.pools."fr-par"=203.0.113.0/24}):
         * the addresses the cluster's load balancer (MetalLB's IPAddressPool) may announce. A region without one offers
         * none; a malformed block, or one for a region not offered, stops the start.
         */
        Map<String, String> pools();
    }

    Images images();

    interface Images {
        /** The namespace of the operator's image catalog, made by the reconciler; never a tenant's (tenant "images" is reserved). */
        @WithDefault("nuage-images")
        String namespace();

        /** The size of an image whose create names none: its PVC's, which boot disks clone. */
        @WithDefault("10")
        int defaultSizeGib();
    }

    interface Environments {
        /** How often expired and deleted environments, and members a PATCH removed, are looked for and deleted. */
        @WithDefault("5s")
        Duration sweepInterval();

        /** The longest time to live an environment may ask for, or be extended by. */
        @WithDefault("7d")
        Duration maxTtl();
    }

    interface Api {
        /** How long the answer to a request with an Idempotency-Key is kept and given again to its retries. */
        @WithDefault("24h")
        Duration idempotencyRetention();

        /** How long the events of GET .../events are kept: a stream or a poller may resume from any within it. */
        @WithDefault("72h")
        Duration eventsRetention();

        /** Requests per second a tenant token may sustain, on each replica; 0 turns rate limits off. */
        @WithName("rate-limit.per-second")
        @WithDefault("50")
        double rateLimitPerSecond();

        /** Requests a tenant token may send at once. */
        @WithName("rate-limit.burst")
        @WithDefault("200")
        int rateLimitBurst();
    }

    interface Sla {
        /** An outage (down or maintenance) shorter than this counts as up, as clouds' SLAs say. */
        @WithDefault("1m")
        Duration minimumOutage();

        /**
         * Service credit tiers, {@code threshold:percent}: availability below the threshold earns
         * that credit, the highest tier reached wins; {@code target} is the tenant's sla_target.
         */
        @WithDefault("target:10,99.0:30,95.0:100")
        List<String> creditTiers();

        /**
         * Which figure the target is judged on: {@code availability} (maintenance counts as
         * downtime: "maintenance included") or {@code sla_availability} (announced maintenance excluded).
         */
        @WithDefault("availability")
        String breachBasis();

        /** A maintenance window must be declared at least this long before it starts. */
        @WithDefault("24h")
        Duration maintenanceNotice();

        /** Every replica records that it is observing this often. */
        @WithDefault("15s")
        Duration heartbeat();

        /** All replicas silent for longer than this: the gap is recorded as unknown. */
        @WithDefault("1m")
        Duration observerGap();
    }

    interface Storage {
        /** Storage class of volumes that name none; unset: the cluster's default class. */
        Optional<String> defaultClass();

        /** Where volumes may import data from. */
        Imports imports();
    }

    interface Imports {
        /**
         * Allowed although not public: CIDRs, addresses and host names ({@code mirror.corp.example}, or
         * {@code *.corp.example} for its subdomains). An allowed name is not looked up. A malformed entry stops start-up.
         */
        Optional<List<String>> allow();
    }

    interface TenantDefaults {
        int vcpus();

        long memoryMib();

        int storageGib();

        int instances();

        /** The counts below default here (and in migration V13, for tenants older than them). */
        @WithDefault("20")
        int networks();

        @WithDefault("100")
        int volumes();

        @WithDefault("100")
        int snapshots();

        @WithDefault("50")
        int tokens();

        /** Public addresses held, attached or not (migration V30 has the same default). */
        @WithDefault("5")
        int publicIps();

        double slaTarget();
    }

    interface Database {
        /** Set by EmbeddedDatabaseConfigSourceFactory when it started the embedded server. */
        @WithDefault("false")
        boolean embedded();

        /** Tests only: wipe the embedded data directory before starting. */
        @WithDefault("false")
        boolean resetEmbedded();
    }

    interface Cluster {
        /**
         * {@code simulated} (the in-process simulated cluster), {@code kubeconfig} (the current context of KUBECONFIG,
         * else ~/.kube/config) or {@code in-cluster} (the pod's service account). Never guessed from the machine.
         */
        @WithDefault("simulated")
        String mode();

        /**
         * Where tenant VMs may not send traffic, besides the cloud metadata addresses (always blocked): the cluster's
         * own ranges, its pod and service CIDRs (kubeadm's defaults here). Malformed entries stop the start.
         */
        @WithDefault("10.244.0.0/16,10.96.0.0/12")
        List<String> internalCidrs();

        /**
         * The service account Nuage runs as, {@code namespace/name}: the subject of the RoleBinding it makes in every
         * tenant namespace (deploy/kubernetes.yaml runs it as nuage-system/nuage). Malformed, it stops the start.
         */
        @WithDefault("nuage-system/nuage")
        String serviceAccount();

        SimulatedClusterSettings simulator();
    }

    interface Reconciler {
        /** A replica with this off serves the API only. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Batches of reconcile passes run in parallel on this many threads. Passes spend their time on CPU
         * (cache reads, JSON, SQL) more than waiting: more threads than a small machine has cores
         * take CPU from the API (benchmarked on 2 cores: p99 57-62 ms with 8, 38-49 ms with 2-4).
         */
        @WithDefault("4")
        int workers();

        /** Full resync: every resource is reconciled again and orphans are collected. */
        @WithDefault("60s")
        Duration resyncInterval();

        /**
         * How long a claimed work item is leased, renewed every third of it while its pass runs. A replica that dies
         * loses its items at a survivor's next renewal (its database sessions are gone); one cut off with its
         * sessions still open loses them when they expire.
         */
        @WithDefault("10s")
        Duration lease();

        /** Retries after a failure wait base * 2^attempts, with jitter, at most cap. */
        @WithDefault("500ms")
        Duration backoffBase();

        @WithDefault("60s")
        Duration backoffCap();
    }
}
