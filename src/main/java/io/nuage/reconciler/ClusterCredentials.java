package io.nuage.reconciler;

import java.io.File;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;

/**
 * Whether the credentials Nuage reaches the cluster with are static: a client certificate, or none at all (the
 * simulated cluster, a local proxy). Then Fabric8's token refresh is left out of the client.
 *
 * <p>Why: from a minute after the client was built, Fabric8's token interceptor refreshes before every request until a
 * refresh finds a token. With none to find, every request to the API server re-reads and re-parses the kubeconfig and
 * the environment first (and runs the exec plugin again, if the user has one), on the thread that sends it. Under a
 * sustained load on a kubeconfig without a token that was 18 % of Nuage's CPU (docs/benchmarks.md, "the kubeconfig
 * read before every request"). With a token, an exec plugin that gave one, or an auth provider, the interceptor stays:
 * it refreshes them once a minute, as they expire. A certificate is read once, when the client is built, whatever
 * gave it: refreshing could not change it.
 */
final class ClusterCredentials {

    private ClusterCredentials() {
    }

    /** Leaves Fabric8's token refresh out of a client whose credentials are static. */
    static void dropTokenRefreshIfStatic(Config config, HttpClient.Builder client) {
        if (areStatic(config)) {
            client.addOrReplaceInterceptor(TokenRefreshInterceptor.NAME, null);
        }
    }

    /**
     * True when the configuration holds no token nor anything that yields one (user name and password, token, token
     * provider, auth provider: Fabric8 copies each from the kubeconfig's user), and it authenticates with a certificate
     * or its kubeconfig's user runs no exec plugin (one that gave nothing at start may give a token at a refresh).
     */
    static boolean areStatic(Config config) {
        boolean noToken = isEmpty(config.getUsername()) && isEmpty(config.getOauthToken()) && isEmpty(config.getAutoOAuthToken())
                && config.getOauthTokenProvider() == null && config.getAuthProvider() == null;
        boolean certificate = !isEmpty(config.getClientCertData()) || !isEmpty(config.getClientCertFile());
        return noToken && (certificate || !runsExecPlugin(config));
    }

    /** Whether the kubeconfig's user of the current context runs an exec plugin: the configuration keeps only its result. */
    private static boolean runsExecPlugin(Config config) {
        NamedContext context = config.getCurrentContext();
        File file = config.getFileWithAuthInfo();
        if (context == null || context.getContext() == null || file == null) {
            return false; // no kubeconfig (the simulated cluster's own configuration)
        }
        try {
            return KubeConfigUtils.parseConfig(file).getUsers().stream()
                    .filter(u -> Objects.equals(u.getName(), context.getContext().getUser())).map(NamedAuthInfo::getUser)
                    .anyMatch(user -> user != null && user.getExec() != null);
        } catch (RuntimeException unreadable) {
            return true; // keep Fabric8's behaviour when in doubt
        }
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
