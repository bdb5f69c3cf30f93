package io.nuage.platform;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.nuage.kubevirt.DataSource;
import io.nuage.kubevirt.DataVolume;
import io.nuage.kubevirt.NetworkAttachmentDefinition;
import io.nuage.kubevirt.VirtualMachine;
import io.nuage.kubevirt.VirtualMachineClusterInstancetype;
import io.nuage.kubevirt.VirtualMachineExport;
import io.nuage.kubevirt.VirtualMachineInstance;
import io.nuage.kubevirt.VirtualMachineRestore;
import io.nuage.kubevirt.VirtualMachineSnapshot;
import io.nuage.kubevirt.VirtualMachineSnapshotContent;

/**
 * deploy/kubernetes.yaml as a cluster takes it. Nuage's service account reads cluster-wide only what its informers
 * watch there, and creates only tenant namespaces and their RoleBinding; every write to a tenant's objects, and any
 * access to Secrets and PVCs, comes from a role bound in each tenant namespace, with an admission policy keeping
 * those bindings to Nuage's namespaces. Its pods run as the restricted Pod Security profile asks, are probed on
 * Quarkus' health endpoints, fenced by a NetworkPolicy, and reach PostgreSQL with the server's certificate verified.
 * With ../shared/kube-api-specs present, every object is also checked against Kubernetes' OpenAPI schema.
 */
class DeployManifestsTest {

    private static final Path MANIFESTS = Path.of("deploy/kubernetes.yaml");
    private static final Path CONTAINERFILE = Path.of("deploy/Containerfile");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final Path SPECS = Path.of("../shared/kube-api-specs");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static final String NAMESPACE = "nuage-system";
    private static final String ACCOUNT = "nuage";
    private static final String TENANT_ROLE = "nuage-tenant";
    private static final String RBAC = "rbac.authorization.k8s.io";

    private static final Set<String> READ = Set.of("get", "list", "watch");

    /**
     * Everything Nuage may do in every namespace: read the kinds its informers watch in all namespaces
     * (ClusterCache), every namespace's metadata (ClusterNamespaces watches them all, to refuse those that are not
     * this installation's; a namespace holds no secret), and what a new tenant namespace needs before it has its
     * RoleBinding.
     */
    private static final Set<Grant> CLUSTER_WIDE = union(
            grants(VirtualMachine.class, "get", "list", "watch"),
            grants(VirtualMachineInstance.class, "get", "list", "watch"),
            grants(DataVolume.class, "get", "list", "watch"),
            grants(DataSource.class, "get", "list", "watch"),
            grants(NetworkAttachmentDefinition.class, "get", "list", "watch"),
            grants(NetworkPolicy.class, "get", "list", "watch"),
            grants(VirtualMachineSnapshot.class, "get", "list", "watch"),
            grants(VirtualMachineRestore.class, "get", "list", "watch"),
            grants(VirtualMachineExport.class, "get", "list", "watch"),
            grants(Service.class, "get", "list", "watch"),
            grants(Namespace.class, "get", "list", "watch", "create"),
            grants(VirtualMachineClusterInstancetype.class, "get", "list", "watch", "create", "update", "delete"),
            Set.of(new Grant(RBAC, "rolebindings", "create", ""), new Grant(RBAC, "clusterroles", "bind", TENANT_ROLE)));

    /**
     * The cluster-wide writes above, the only ones: a tenant namespace and the binding that opens it to Nuage, and the
     * instance types, which are cluster-wide objects.
     */
    private static final Set<Grant> CLUSTER_WIDE_WRITES = union(Set.of(new Grant("", "namespaces", "create", ""),
            new Grant(RBAC, "rolebindings", "create", ""), new Grant(RBAC, "clusterroles", "bind", TENANT_ROLE)),
            grants(VirtualMachineClusterInstancetype.class, "create", "update", "delete"));

    /** Everything Nuage may do in a tenant namespace, through the RoleBinding there: what its reconcilers write, and the console reads. */
    private static final Set<Grant> IN_A_TENANT_NAMESPACE = union(
            grants(Secret.class, "get", "list", "watch", "create", "update", "delete"),
            grants(PersistentVolumeClaim.class, "get", "list", "watch", "update"),
            grants(ResourceQuota.class, "get", "create", "update"),
            grants(Namespace.class, "delete"),
            grants(NetworkPolicy.class, "create", "update", "delete"),
            grants(VirtualMachine.class, "create", "update", "delete"),
            grants(VirtualMachineInstance.class, "delete"),
            grants(DataVolume.class, "create", "update", "delete"),
            Set.of(new Grant("cdi.kubevirt.io", "datavolumes/source", "create", "")),
            grants(DataSource.class, "create", "update", "delete"),
            grants(NetworkAttachmentDefinition.class, "create", "update", "delete"),
            grants(Service.class, "create", "update", "delete"),
            grants(VirtualMachineSnapshot.class, "create", "delete"),
            grants(VirtualMachineRestore.class, "create", "delete"),
            grants(VirtualMachineSnapshotContent.class, "get"),
            grants(VirtualMachineExport.class, "create", "update", "delete"),
            // The instance console (the API's one read of the cluster): the launcher pod, its log, KubeVirt's console.
            Set.of(new Grant("", "pods", "list", ""), new Grant("", "pods/log", "get", ""),
                    new Grant("subresources.kubevirt.io", "virtualmachineinstances/console", "get", "")));

    private static List<JsonNode> documents;

    /** One verb on one resource (of one name, or "" for any) of one API group. */
    record Grant(String group, String resource, String verb, String name) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource + (name.isEmpty() ? "" : "/" + name);
        }
    }

    @BeforeAll
    static void readManifests() throws IOException {
        try (var parser = new YAMLFactory().createParser(MANIFESTS.toFile())) {
            documents = new YAMLMapper().readValues(parser, JsonNode.class).readAll().stream()
                    .filter(d -> d != null && !d.isNull() && !d.isEmpty()).toList();
        }
    }

    @Test
    void everyDocumentIsAKindKubernetesKnowsInNuagesNamespace() {
        assertFalse(documents.isEmpty(), MANIFESTS + " holds no object");
        for (JsonNode doc : documents) {
            String what = doc.path("kind").asText() + " " + doc.at("/metadata/name").asText();
            HasMetadata typed = SERIALIZATION.unmarshal(doc.toString());
            assertFalse(typed instanceof GenericKubernetesResource, what + ": not a kind Fabric8 knows (apiVersion or kind misspelt?)");
            if (typed instanceof Namespaced) {
                assertEquals(NAMESPACE, doc.at("/metadata/namespace").asText(), what + ": not in " + NAMESPACE);
            }
        }
    }

    @Test
    void clusterWideNuageOnlyReadsWhatItsInformersWatchAndCreatesTenantNamespaces() {
        Set<Grant> granted = clusterWideGrants();
        List<String> problems = new ArrayList<>();
        for (Grant g : granted) {
            if (g.group().equals("*") || g.resource().equals("*") || g.verb().equals("*")) {
                problems.add(g + ": a wildcard");
            }
            if (g.group().isEmpty() && (g.resource().startsWith("secrets") || g.resource().startsWith("persistentvolumeclaims"))) {
                problems.add(g + ": Secrets and PVCs only through the tenant role");
            }
            if (g.group().isEmpty() && g.resource().equals("namespaces") && g.verb().startsWith("delete")) {
                problems.add(g + ": deleting namespaces only through the tenant role");
            }
            if (!READ.contains(g.verb()) && !CLUSTER_WIDE_WRITES.contains(g)) {
                problems.add(g + ": cluster-wide, only get, list and watch, creating a tenant namespace and its binding,"
                        + " and the instance types");
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(sorted(CLUSTER_WIDE), sorted(granted), "what Nuage's service account may do in every namespace");
    }

    @Test
    void theWritesAreInTheTenantRoleBoundOnlyPerNamespace() {
        JsonNode role = only("ClusterRole", TENANT_ROLE);
        for (JsonNode binding : ofKind("ClusterRoleBinding")) {
            assertFalse(binding.at("/roleRef/name").asText().equals(TENANT_ROLE),
                    "ClusterRoleBinding " + binding.at("/metadata/name").asText() + " opens every namespace to " + TENANT_ROLE);
        }
        assertEquals(sorted(IN_A_TENANT_NAMESPACE), sorted(rules(role)), "what Nuage may do in a tenant namespace");
        for (JsonNode clusterRole : ofKind("ClusterRole")) {
            String name = clusterRole.at("/metadata/name").asText();
            assertTrue(clusterRole.path("aggregationRule").isMissingNode(), name + " would take in the rules of other roles");
            clusterRole.at("/metadata/labels").fieldNames().forEachRemaining(label -> assertFalse(
                    label.startsWith("rbac.authorization.k8s.io/aggregate-to-"), name + " is aggregated into " + label));
            for (Grant g : rules(clusterRole)) {
                assertFalse(g.group().equals("*") || g.resource().equals("*") || g.verb().equals("*"), name + ": " + g + " is a wildcard");
            }
        }
    }

    @Test
    void anAdmissionPolicyKeepsNuagesBindingsToItsOwnNamespaces() {
        JsonNode policy = ofKind("ValidatingAdmissionPolicy").stream()
                .filter(p -> stream(p.at("/spec/matchConstraints/resourceRules"))
                        .anyMatch(r -> texts(r.path("resources")).contains("rolebindings") && texts(r.path("operations")).contains("CREATE")))
                .findFirst().orElse(null);
        assertNotNull(policy, "no ValidatingAdmissionPolicy on the RoleBindings Nuage creates");
        String name = policy.at("/metadata/name").asText();
        assertEquals("Fail", policy.at("/spec/failurePolicy").asText(), name + ": a policy that cannot run must refuse");
        assertTrue(stream(policy.at("/spec/matchConditions")).anyMatch(c -> c.path("expression").asText()
                .contains("system:serviceaccount:" + NAMESPACE + ":" + ACCOUNT)), name + ": not aimed at Nuage's service account");
        String validations = stream(policy.at("/spec/validations")).map(v -> v.path("expression").asText()).collect(Collectors.joining("\n"));
        assertAll(
                () -> assertTrue(validations.contains("namespaceObject.metadata.labels['app.kubernetes.io/managed-by'] == 'nuage'"),
                        name + ": does not require a namespace Nuage created"),
                () -> assertTrue(validations.contains("object.roleRef.name == '" + TENANT_ROLE + "'"),
                        name + ": does not require the tenant role"),
                () -> assertTrue(ofKind("ValidatingAdmissionPolicyBinding").stream()
                        .anyMatch(b -> b.at("/spec/policyName").asText().equals(name)
                                && texts(b.at("/spec/validationActions")).contains("Deny")), name + ": not bound to deny"));
    }

    @Test
    void podsRunAsTheRestrictedProfileAsks() throws IOException {
        JsonNode pod = only("Deployment", ACCOUNT).at("/spec/template/spec");
        JsonNode podContext = pod.path("securityContext");
        assertEquals("false", only("ServiceAccount", ACCOUNT).path("automountServiceAccountToken").asText(),
                "the service account's token only where asked for");
        assertEquals("restricted", only("Namespace", NAMESPACE).at("/metadata/labels")
                .path("pod-security.kubernetes.io/enforce").asText(), "the namespace enforces the restricted profile");
        assertAll(
                () -> assertTrue(pod.path("automountServiceAccountToken").asBoolean(false), "Nuage's pods need their token"),
                () -> assertEquals(ACCOUNT, pod.path("serviceAccountName").asText()),
                () -> assertFalse(pod.path("enableServiceLinks").asBoolean(true), "service links put NUAGE_* in the environment"),
                () -> assertFalse(pod.path("hostNetwork").asBoolean(false) || pod.path("hostPID").asBoolean(false)
                        || pod.path("hostIPC").asBoolean(false), "no host namespaces"));
        Map<String, JsonNode> volumes = stream(pod.path("volumes")).collect(Collectors.toMap(v -> v.path("name").asText(), v -> v));
        long image = imageUser();
        for (JsonNode container : containers(pod)) {
            String name = container.path("name").asText();
            JsonNode context = container.path("securityContext");
            JsonNode runAsUser = effective(context, podContext, "runAsUser");
            assertAll(name,
                    () -> assertTrue(effective(context, podContext, "runAsNonRoot").asBoolean(false), "runAsNonRoot"),
                    () -> assertTrue(runAsUser.isIntegralNumber() && runAsUser.asLong() > 0, "a numeric user, not root"),
                    () -> assertEquals(image, runAsUser.asLong(), "the user the image's files belong to (Containerfile's USER)"),
                    () -> assertEquals("RuntimeDefault", effective(context, podContext, "seccompProfile").path("type").asText()),
                    () -> assertFalse(context.path("allowPrivilegeEscalation").asBoolean(true), "allowPrivilegeEscalation: false"),
                    () -> assertFalse(context.path("privileged").asBoolean(false), "not privileged"),
                    () -> assertTrue(context.path("readOnlyRootFilesystem").asBoolean(false), "readOnlyRootFilesystem"),
                    () -> assertEquals(List.of("ALL"), texts(context.at("/capabilities/drop")), "capabilities: drop ALL"),
                    () -> assertEquals(List.of(), texts(context.at("/capabilities/add")), "no capability added"),
                    () -> assertTrue(stream(container.path("volumeMounts")).anyMatch(m -> m.path("mountPath").asText().equals("/tmp")
                            && volumes.getOrDefault(m.path("name").asText(), MISSING).has("emptyDir")), "/tmp writable, on an emptyDir"),
                    () -> assertTrue(stream(container.path("volumeMounts")).filter(m -> !volumes
                            .getOrDefault(m.path("name").asText(), MISSING).has("emptyDir")).allMatch(m -> m.path("readOnly").asBoolean(false)),
                            "every mount but the emptyDirs read-only"));
        }
    }

    @Test
    void probesAskQuarkusHealthOnItsHttpPort() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(PROPERTIES)) {
            properties.load(in);
        }
        int httpPort = Integer.parseInt(properties.getProperty("quarkus.http.port"));
        assertFalse(Boolean.parseBoolean(properties.getProperty("quarkus.management.enabled", "false")),
                "with the management interface, health moves to its own port");
        JsonNode container = containers(only("Deployment", ACCOUNT).at("/spec/template/spec")).get(0);
        Map<String, Integer> ports = stream(container.path("ports"))
                .collect(Collectors.toMap(p -> p.path("name").asText(), p -> p.path("containerPort").asInt()));
        Map<String, String> expected = Map.of("livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready",
                "startupProbe", "/q/health/started");
        expected.forEach((probe, path) -> {
            JsonNode get = container.path(probe).path("httpGet");
            assertEquals(path, get.path("path").asText(), probe);
            JsonNode port = get.path("port");
            assertEquals(httpPort, port.isInt() ? port.asInt() : ports.getOrDefault(port.asText(), -1), probe + " on quarkus.http.port");
        });
    }

    @Test
    void aRollingUpdateStopsNoOldReplicaBeforeTheNewOneIsWarm() {
        JsonNode spec = only("Deployment", ACCOUNT).path("spec");
        assertEquals("RollingUpdate", spec.at("/strategy/type").asText());
        assertEquals(0, spec.at("/strategy/rollingUpdate/maxUnavailable").asInt(-1), "every old replica serves until its successor is available");
        assertTrue(spec.path("minReadySeconds").asInt() >= 15, "available only once past the JIT's first seconds under load");
    }

    @Test
    void aNetworkPolicyFencesNuagesPods() {
        JsonNode template = only("Deployment", ACCOUNT).at("/spec/template");
        Map<String, String> podLabels = strings(template.at("/metadata/labels"));
        int httpPort = containers(template.path("spec")).get(0).at("/ports/0/containerPort").asInt();
        JsonNode policy = ofKind("NetworkPolicy").stream()
                .filter(p -> podLabels.entrySet().containsAll(strings(p.at("/spec/podSelector/matchLabels")).entrySet())
                        && p.at("/spec/podSelector/matchExpressions").isMissingNode())
                .findFirst().orElse(null);
        assertNotNull(policy, "no NetworkPolicy selects Nuage's pods");
        JsonNode spec = policy.path("spec");
        assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(texts(spec.path("policyTypes"))), "both directions fenced");
        for (JsonNode rule : spec.path("ingress")) {
            assertFalse(rule.path("from").isEmpty(), "an ingress rule from anywhere: " + rule);
            assertEquals(Set.of(httpPort), ports(rule), "ingress to the API port alone");
        }
        Set<Integer> egress = new TreeSet<>();
        for (JsonNode rule : spec.path("egress")) {
            assertFalse(rule.path("to").isEmpty(), "an egress rule to anywhere: " + rule);
            assertFalse(ports(rule).isEmpty(), "an egress rule to any port: " + rule);
            egress.addAll(ports(rule));
        }
        assertTrue(egress.contains(53), "DNS");
        assertTrue(egress.contains(5432), "PostgreSQL");
        assertTrue(egress.contains(6443) || egress.contains(443), "the Kubernetes API");
    }

    @Test
    void theDatabaseIsReachedOverTlsWithItsCertificateVerifiedAndNoSecretIsInline() {
        for (JsonNode secret : ofKind("Secret")) {
            assertTrue(secret.path("data").isEmpty() && secret.path("stringData").isEmpty(),
                    "Secret " + secret.at("/metadata/name").asText() + " holds values in the manifests");
        }
        JsonNode container = containers(only("Deployment", ACCOUNT).at("/spec/template/spec")).get(0);
        assertTrue(container.path("envFrom").isEmpty(), "every variable named, none taken wholesale");
        Map<String, JsonNode> env = stream(container.path("env")).collect(Collectors.toMap(e -> e.path("name").asText(), e -> e,
                (a, b) -> a, LinkedHashMap::new));
        for (String secret : List.of("NUAGE_ADMIN_TOKEN", "NUAGE_SECRET_KEY", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            JsonNode e = env.get(secret);
            assertNotNull(e, secret + " not set");
            assertTrue(e.has("valueFrom") && e.at("/valueFrom/secretKeyRef").isObject() && !e.has("value"), secret + " not from a Secret");
        }
        env.forEach((name, e) -> assertFalse(e.path("value").asText().matches("(?i).*(password|secret)=.*"),
                name + " carries a secret in its value"));
        String reactive = env.getOrDefault("QUARKUS_DATASOURCE_REACTIVE_URL", MISSING).path("value").asText();
        String jdbc = env.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", MISSING).path("value").asText();
        String ca = env.getOrDefault("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS", MISSING).path("value").asText();
        assertAll(
                () -> assertTrue(reactive.startsWith("postgresql://") && reactive.contains("sslmode=verify-full"), reactive),
                () -> assertTrue(jdbc.startsWith("jdbc:postgresql://") && jdbc.contains("sslmode=verify-full"), jdbc),
                () -> assertTrue(jdbc.contains("sslrootcert=" + ca), "the JDBC driver checks against the same CA: " + jdbc),
                // Vert.x refuses verify-full without a trust store and a hostname check.
                () -> assertEquals("true", env.getOrDefault("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM", MISSING).path("value").asText()),
                () -> assertEquals("HTTPS", env.getOrDefault("QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM", MISSING)
                        .path("value").asText()),
                () -> assertTrue(!ca.isEmpty() && stream(container.path("volumeMounts"))
                        .anyMatch(m -> ca.startsWith(m.path("mountPath").asText() + "/")), "the CA file is mounted: " + ca));
    }

    @Test
    void everyObjectMatchesTheKubernetesApi() throws Exception {
        assumeTrue(Files.isDirectory(SPECS), SPECS + " not found: skipping");
        Path spec = SPECS.resolve("kubernetes-v1.35.0-swagger.json");
        Map<String, String> definitions = new HashMap<>();
        new ObjectMapper().readTree(spec.toFile()).path("definitions").fields().forEachRemaining(d -> {
            for (JsonNode gvk : d.getValue().path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText();
                definitions.put((group.isEmpty() ? "" : group + "/") + gvk.path("version").asText() + "/" + gvk.path("kind").asText(), d.getKey());
            }
        });
        // The project's validator, package-private beside the builders it checks, reached rather than copied.
        Class<?> type = Class.forName("io.nuage.kubevirt.SwaggerValidator");
        Method load = type.getDeclaredMethod("swagger", Path.class);
        Method validate = type.getDeclaredMethod("validateJson", String.class, String.class);
        load.setAccessible(true);
        validate.setAccessible(true);
        Object validator = load.invoke(null, spec);
        Map<String, Object> errors = new LinkedHashMap<>();
        for (JsonNode doc : documents) {
            String definition = definitions.get(doc.path("apiVersion").asText() + "/" + doc.path("kind").asText());
            String what = doc.path("kind").asText() + " " + doc.at("/metadata/name").asText();
            assertNotNull(definition, what + ": not in Kubernetes " + spec.getFileName());
            List<?> found = (List<?>) validate.invoke(validator, doc.toString(), definition);
            if (!found.isEmpty()) {
                errors.put(what, found);
            }
        }
        assertEquals(Map.of(), errors);
    }

    // --- reading the manifests ---------------------------------------------------------------

    private static final JsonNode MISSING = new ObjectMapper().missingNode();

    private static List<JsonNode> ofKind(String kind) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode only(String kind, String name) {
        List<JsonNode> found = ofKind(kind).stream().filter(d -> d.at("/metadata/name").asText().equals(name)).toList();
        assertEquals(1, found.size(), kind + " " + name + " in " + MANIFESTS);
        return found.get(0);
    }

    /** What the ClusterRoleBindings give Nuage's service account, directly or through a group it is in. */
    private static Set<Grant> clusterWideGrants() {
        Set<String> roles = new TreeSet<>();
        for (JsonNode binding : ofKind("ClusterRoleBinding")) {
            boolean nuage = stream(binding.path("subjects")).anyMatch(s -> switch (s.path("kind").asText()) {
                case "ServiceAccount" -> s.path("name").asText().equals(ACCOUNT) && s.path("namespace").asText().equals(NAMESPACE);
                case "Group" -> Set.of("system:serviceaccounts", "system:serviceaccounts:" + NAMESPACE, "system:authenticated")
                        .contains(s.path("name").asText());
                default -> false;
            });
            if (nuage) {
                assertEquals("ClusterRole", binding.at("/roleRef/kind").asText());
                roles.add(binding.at("/roleRef/name").asText());
            }
        }
        assertFalse(roles.isEmpty(), "no ClusterRoleBinding for Nuage's service account: its informers cannot watch");
        return roles.stream().flatMap(r -> rules(only("ClusterRole", r)).stream()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** A role's rules, one grant per group, resource, verb and name. */
    private static Set<Grant> rules(JsonNode role) {
        Set<Grant> grants = new LinkedHashSet<>();
        for (JsonNode rule : role.path("rules")) {
            assertTrue(rule.path("nonResourceURLs").isMissingNode(), "Nuage needs no non-resource URL: " + rule);
            List<String> names = rule.path("resourceNames").isEmpty() ? List.of("") : texts(rule.path("resourceNames"));
            for (String group : texts(rule.path("apiGroups"))) {
                for (String resource : texts(rule.path("resources"))) {
                    for (String verb : texts(rule.path("verbs"))) {
                        for (String name : names) {
                            grants.add(new Grant(group, resource, verb, name));
                        }
                    }
                }
            }
        }
        return grants;
    }

    @SafeVarargs
    private static Set<Grant> union(Set<Grant>... sets) {
        return Stream.of(sets).flatMap(Set::stream).collect(Collectors.toSet());
    }

    /** The verbs on a kind, its group and plural as the typed model (its annotations) names them. */
    private static Set<Grant> grants(Class<? extends HasMetadata> kind, String... verbs) {
        return Stream.of(verbs).map(v -> new Grant(HasMetadata.getGroup(kind), HasMetadata.getPlural(kind), v, ""))
                .collect(Collectors.toSet());
    }

    private static List<String> sorted(Set<Grant> grants) {
        return grants.stream().map(Grant::toString).sorted().toList();
    }

    private static List<JsonNode> containers(JsonNode podSpec) {
        List<JsonNode> all = new ArrayList<>();
        podSpec.path("initContainers").forEach(all::add);
        podSpec.path("containers").forEach(all::add);
        assertFalse(all.isEmpty(), "no container");
        return all;
    }

    /** A container's security setting, or the pod's when the container leaves it out. */
    private static JsonNode effective(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.get(field) : pod.path(field);
    }

    /** The numeric user of the image, from the Containerfile's last USER. */
    private static long imageUser() throws IOException {
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(Files.readString(CONTAINERFILE));
        String last = null;
        while (user.find()) {
            last = user.group(1);
        }
        assertNotNull(last, CONTAINERFILE + " sets no USER");
        assertTrue(last.matches("\\d+"), CONTAINERFILE + ": USER " + last + " is not numeric, so the kubelet cannot tell it is not root");
        return Long.parseLong(last);
    }

    private static Set<Integer> ports(JsonNode rule) {
        return stream(rule.path("ports")).map(p -> p.path("port").asInt()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static List<String> texts(JsonNode array) {
        return stream(array).map(JsonNode::asText).toList();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
