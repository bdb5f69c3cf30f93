package io.nuage.simulator;

import java.lang.reflect.Field;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * What the simulated API server answers about serial consoles: a launcher pod's {@code guest-console-log} container
 * log (a boot of the instance, as KubeVirt's {@code logSerialConsole} keeps it: firmware, kernel, systemd, cloud-init,
 * the login prompt; honouring {@code tailLines}), and KubeVirt's console subresource, a WebSocket that shows the login
 * prompt and echoes what it receives in binary frames (KubeVirt reads only those). Objects are read from the store
 * in-process: requests are served on the server's event loop, which must not wait for a request to itself.
 */
final class SimulatedConsoles {

    private static final Pattern LOG = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(?:\\?(.*))?$");
    private static final Pattern CONSOLE = Pattern.compile(
            "^/apis/subresources\\.kubevirt\\.io/v1/namespaces/([^/]+)/virtualmachineinstances/([^/?]+)/console(?:\\?.*)?$");
    private static final String PROTOCOL = "plain.kubevirt.io";

    /** A GET of an object's path, answered from the store. */
    private final Function<String, MockResponse> get;

    SimulatedConsoles(Function<String, MockResponse> get) {
        this.get = get;
    }

    /**
     * Fabric8's mock server negotiates only the {@code channel.k8s.io} subprotocols of exec and attach, and a client
     * asking for KubeVirt's {@code plain.kubevirt.io} rightly fails a handshake that names none. It offers KubeVirt's
     * in place of {@code v1.channel.k8s.io} (no client of this server uses that one): the list is a private constant of
     * the server, read when it starts, so this runs before the simulated cluster's server starts.
     */
    static void offerKubeVirtSubprotocol() {
        try {
            Field field = MockWebServer.class.getDeclaredField("SUPPORTED_WEBSOCKET_SUB_PROTOCOLS");
            field.setAccessible(true);
            String[] protocols = (String[]) field.get(null);
            synchronized (protocols) {
                List<String> offered = Arrays.asList(protocols);
                int replaced = offered.indexOf("v1.channel.k8s.io");
                if (!offered.contains(PROTOCOL) && replaced >= 0) {
                    protocols[replaced] = PROTOCOL;
                }
            }
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("Fabric8's mock server changed: cannot offer KubeVirt's console subprotocol", e);
        }
    }

    /** The answer to a console request, or null for any other request. */
    MockResponse answer(RecordedRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return null;
        }
        Matcher log = LOG.matcher(request.getPath());
        if (log.matches()) {
            return log(log.group(1), log.group(2), log.group(3));
        }
        Matcher console = CONSOLE.matcher(request.getPath());
        return console.matches() ? console(console.group(1), console.group(2)) : null;
    }

    private MockResponse log(String namespace, String podName, String query) {
        MockResponse found = get.apply("/api/v1/namespaces/" + namespace + "/pods/" + podName);
        if (found.code() != 200) {
            return status(404, "NotFound", "pods \"" + podName + "\" not found");
        }
        Pod pod = Serialization.unmarshal(found.getBody().readUtf8(), Pod.class);
        List<String> containers = pod.getSpec().getContainers().stream().map(Container::getName).toList();
        String container = parameter(query, "container");
        if (container == null && containers.size() > 1) {
            return status(400, "BadRequest", "a container name must be specified for pod " + podName + ", choose one of: " + containers);
        }
        if (container != null && !containers.contains(container)) {
            return status(400, "BadRequest", "container " + container + " is not valid for pod " + podName);
        }
        String vmi = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(LauncherPodController.VM_NAME);
        List<String> lines = LauncherPodController.LOG_CONTAINER.equals(container) && vmi != null ? BootLog.of(vmi) : List.of();
        String tail = parameter(query, "tailLines");
        int n = tail != null && tail.matches("[0-9]{1,9}") ? Integer.parseInt(tail) : lines.size();
        List<String> shown = lines.subList(Math.max(0, lines.size() - n), lines.size());
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain")
                .setBody(shown.isEmpty() ? "" : String.join("\n", shown) + "\n");
    }

    private MockResponse console(String namespace, String name) {
        MockResponse found = get.apply("/apis/kubevirt.io/v1/namespaces/" + namespace + "/virtualmachineinstances/" + name);
        if (found.code() != 200) {
            return status(404, "NotFound", "virtualmachineinstances.kubevirt.io \"" + name + "\" not found");
        }
        GenericKubernetesResource vmi = Serialization.unmarshal(found.getBody().readUtf8(), GenericKubernetesResource.class);
        if (!"Running".equals(Untyped.map(vmi.getAdditionalProperties().get("status")).get("phase"))) {
            return status(400, "BadRequest", "VMI is not running");
        }
        return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket, io.fabric8.mockwebserver.http.Response response) {
                socket.send(("\r\n" + name + " login: ").getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void onMessage(WebSocket socket, byte[] bytes) {
                socket.send(bytes); // the guest's terminal echoes what is typed
            }
        });
    }

    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"reason\":\"" + reason
                        + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\",\"code\":" + code + "}");
    }
}
