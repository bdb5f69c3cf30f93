package io.nuage.console;

import static io.nuage.api.TestApi.admin;
import static io.nuage.api.TestApi.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nuage.api.TestApi;
import io.nuage.compute.Instances;
import io.nuage.kubevirt.VirtualMachineInstance;
import io.nuage.reconciler.Cluster;
import io.nuage.support.Await;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The serial console of an instance: its log, its WebSocket, who may use them, and the simulated launcher pods. */
@QuarkusTest
class ConsoleTest {

    @Inject
    Cluster cluster;

    @TestHTTPResource("/")
    URL base;

    private KubernetesClient k8s() {
        return cluster.client();
    }

    private static String running(String tenant, String name) {
        Instances.create(tenant, name);
        Instances.awaitPhase(tenant, name, "running");
        return "/v1/tenants/" + tenant + "/instances/" + name + "/console";
    }

    @Test
    void theLogIsTheGuestsBootAndTailLimitsIt() {
        String t = TestApi.createTenant();
        String console = running(t, "web-1");

        String log = admin().get(console + "/log").then().statusCode(200).contentType(startsWith("text/plain")).extract().asString();
        assertTrue(log.contains("Linux version"), log);
        assertTrue(log.contains("systemd"), log);
        assertTrue(log.contains("Cloud-init"), log);
        assertTrue(log.strip().endsWith("web-1 login:"), log);

        List<String> last = admin().queryParam("tail", 3).get(console + "/log").then().statusCode(200).extract().asString().lines().toList();
        assertEquals(List.of("Kernel 6.11.4-301.fc41.x86_64 on an x86_64 (ttyS0)", "", "web-1 login: "), last);
        for (String bad : List.of("0", "10001", "ten", "-1")) {
            admin().queryParam("tail", bad).get(console + "/log").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("tail"));
        }
    }

    @Test
    void aViewerReadsTheLogButCannotOpenTheConsole() throws Exception {
        String t = TestApi.createTenant();
        String console = running(t, "web-1");
        String viewer = TestApi.token(t, "viewer");

        as(viewer).get(console + "/log").then().statusCode(200);
        assertEquals(403, refusedUpgrade(console, viewer));
        as(viewer).get(console).then().statusCode(403).body("code", equalTo("forbidden"));
    }

    @Test
    void anotherTenantsTokenFindsNothingAndNoTokenIsRefused() throws Exception {
        String t = TestApi.createTenant();
        String console = running(t, "web-1");
        String stranger = TestApi.token(TestApi.createTenant(), "member");

        as(stranger).get(console + "/log").then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
        assertEquals(404, refusedUpgrade(console, stranger));
        as(stranger).header("Connection", "Upgrade").header("Upgrade", "websocket").get(console).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not_found"));

        given().get(console + "/log").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        assertEquals(401, refusedUpgrade(console, null));
        assertEquals(404, refusedUpgrade("/v1/tenants/" + t + "/instances/nope/console", TestApi.ADMIN_TOKEN));
    }

    @Test
    void theConsoleShowsTheLoginPromptAndEchoesWhatIsTyped() throws Exception {
        String t = TestApi.createTenant();
        String console = running(t, "web-1");
        String member = TestApi.token(t, "member");
        Received received = new Received();

        WebSocket socket = connect(console, member, received).get(10, TimeUnit.SECONDS);
        assertEquals("plain.kubevirt.io", socket.getSubprotocol());
        Await.until(Duration.ofSeconds(10), "the login prompt", () -> received.text().contains("web-1 login: "));

        socket.sendText("root\r", true).get(5, TimeUnit.SECONDS); // a terminal's text frame reaches the guest as bytes
        socket.sendBinary(ByteBuffer.wrap("ls\r".getBytes(StandardCharsets.UTF_8)), true).get(5, TimeUnit.SECONDS);
        Await.until(Duration.ofSeconds(10), "the echo", () -> received.text().endsWith("web-1 login: root\rls\r"));
        assertTrue(received.allBinary, "KubeVirt's bytes are passed on as binary frames");

        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        Await.until(Duration.ofSeconds(10), "the close", () -> received.closed.isDone());

        admin().get(console).then().statusCode(426).header("Upgrade", "websocket").body("code", equalTo("upgrade_required"));
    }

    @Test
    void aStoppedInstanceHasNoConsole() throws Exception {
        String t = TestApi.createTenant();
        String console = running(t, "web-1");
        admin().post("/v1/tenants/" + t + "/instances/web-1/stop").then().statusCode(202);
        Instances.awaitPhase(t, "web-1", "stopped");

        admin().get(console + "/log").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("instance_not_running")).body("instance", equalTo("web-1"));
        assertEquals(409, refusedUpgrade(console, TestApi.ADMIN_TOKEN));
    }

    @Test
    void aRunningInstanceHasALauncherPodThatGoesWithIt() {
        String t = TestApi.createTenant();
        running(t, "web-1");
        String namespace = "nuage-" + t;
        VirtualMachineInstance vmi = k8s().resources(VirtualMachineInstance.class).inNamespace(namespace).withName("web-1").get();

        Await.until(Duration.ofSeconds(10), "the launcher pod", () -> launchers(namespace).size() == 1);
        Pod pod = launchers(namespace).get(0);
        assertTrue(pod.getMetadata().getName().matches("virt-launcher-web-1-[a-z0-9]{5}"), pod.getMetadata().getName());
        Map<String, String> labels = pod.getMetadata().getLabels();
        vmi.getMetadata().getLabels().forEach((k, v) -> assertEquals(v, labels.get(k), k));
        assertEquals(vmi.getMetadata().getUid(), labels.get("kubevirt.io/created-by"));
        assertEquals("web-1", labels.get("vm.kubevirt.io/name"));
        assertEquals(List.of("compute", "guest-console-log"), pod.getSpec().getContainers().stream().map(Container::getName).toList());
        assertEquals("Running", pod.getStatus().getPhase());

        admin().post("/v1/tenants/" + t + "/instances/web-1/stop").then().statusCode(202);
        Await.until(Duration.ofSeconds(30), "the launcher pod gone", () -> launchers(namespace).isEmpty());
    }

    private List<Pod> launchers(String namespace) {
        return k8s().pods().inNamespace(namespace).withLabel("kubevirt.io", "virt-launcher").list().getItems();
    }

    /** The HTTP status that refused a WebSocket upgrade: the socket must not have opened. */
    private int refusedUpgrade(String path, String token) throws Exception {
        try {
            connect(path, token, new Received()).join();
        } catch (CompletionException e) {
            WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            return refused.getResponse().statusCode();
        }
        throw new AssertionError("the upgrade of " + path + " was accepted");
    }

    private CompletableFuture<WebSocket> connect(String path, String token, Received received) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("plain.kubevirt.io")
                .connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.buildAsync(URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + path), received);
    }

    /** What the console sent. */
    private static final class Received implements WebSocket.Listener {
        private final StringBuilder bytes = new StringBuilder();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private volatile boolean allBinary = true;

        synchronized String text() {
            return bytes.toString();
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            synchronized (this) {
                bytes.append(StandardCharsets.UTF_8.decode(data));
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            allBinary = false;
            synchronized (this) {
                bytes.append(data);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            closed.complete(code);
            return null;
        }
    }
}
