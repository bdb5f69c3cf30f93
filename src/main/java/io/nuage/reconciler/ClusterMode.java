package io.nuage.reconciler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which cluster Nuage reconciles onto, as {@code nuage.cluster.mode} names it. A real cluster is used only when the
 * configuration says so: a kubeconfig or a service account that merely happens to exist on the machine is never
 * picked up (it once was, and an embedded Nuage started on a workstation reconciled onto whatever cluster the
 * developer's kubeconfig pointed at).
 */
enum ClusterMode {

    /** The in-process simulated cluster: the embedded default. */
    SIMULATED("simulated"),
    /** The current context of the kubeconfig in {@code KUBECONFIG}, else {@code ~/.kube/config}. */
    KUBECONFIG("kubeconfig"),
    /** The cluster this process runs in as a pod, through its service account. */
    IN_CLUSTER("in-cluster");

    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    private final String value;

    ClusterMode(String value) {
        this.value = value;
    }

    /** As configured: {@code nuage.cluster.mode=<value>}. */
    String value() {
        return value;
    }

    boolean simulated() {
        return this == SIMULATED;
    }

    /** The mode named by the configuration; anything else stops the start with the allowed values. */
    static ClusterMode of(String configured) {
        for (ClusterMode m : values()) {
            if (m.value.equals(configured)) {
                return m;
            }
        }
        String allowed = Arrays.stream(values()).map(ClusterMode::value).collect(Collectors.joining(", "));
        throw new IllegalStateException("nuage.cluster.mode must be one of " + allowed + ", not '" + configured + "'"
                + ("auto".equals(configured) ? " (auto was removed: name the cluster Nuage may change)" : ""));
    }

    /** What this machine offers that a real mode may use. */
    record Environment(List<Path> kubeconfigs, boolean inPod) {

        /** The kubeconfig files Fabric8 would read ({@code KUBECONFIG}, else {@code ~/.kube/config}), and the pod's service account. */
        static Environment current(Collection<String> kubeconfigFiles) {
            return new Environment(kubeconfigFiles.stream().map(Path::of).filter(Files::isRegularFile).toList(),
                    System.getenv("KUBERNETES_SERVICE_HOST") != null && Files.isReadable(SERVICE_ACCOUNT_TOKEN));
        }
    }

    /** Stops the start when the mode's cluster cannot be reached from here: a real mode never falls back to another. */
    void requireAvailable(Environment env) {
        if (this == KUBECONFIG && env.kubeconfigs().isEmpty()) {
            throw new IllegalStateException("nuage.cluster.mode=kubeconfig, but there is no kubeconfig: set KUBECONFIG or"
                    + " create ~/.kube/config (in a pod, use nuage.cluster.mode=in-cluster)");
        }
        if (this == IN_CLUSTER && !env.inPod()) {
            throw new IllegalStateException("nuage.cluster.mode=in-cluster, but this process is not in a Kubernetes pod"
                    + " (no KUBERNETES_SERVICE_HOST or no service account token at " + SERVICE_ACCOUNT_TOKEN + ")");
        }
    }
}
