package io.nuage.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.ThreadLocalRandom;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The mock API server's CRUD dispatcher with injected faults: a share of requests gets a transient 500, 503 or 429
 * instead of being served, and every response can be delayed. Watches are left alone (a real API server's faults
 * show up on requests, and a broken watch is a different fault). Requests carrying {@link #BYPASS_HEADER} with this
 * cluster's token are never faulted, so the simulated KubeVirt itself stays reliable.
 */
final class FaultInjectingDispatcher extends Dispatcher {

    static final String BYPASS_HEADER = "X-Nuage-Simulator-Bypass";
    /**
     * Not Kubernetes: {@link #requestCounts()} as JSON, for a benchmark that runs the simulated cluster in a process of
     * its own and counts the API server's writes per instance there.
     */
    static final String REQUEST_COUNTS_PATH = "/simulator/request-counts";

    private static final int[] TRANSIENT_CODES = {500, 503, 429};

    private final IndexedCrudDispatcher store;
    private final SimulatedConsoles consoles;
    private final SimulatedPrometheus prometheus;
    private final String bypassToken;
    private final Runnable forgetRecorded;
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    /** The same, by the namespace they were made in (a namespace's own requests under its name). */
    private final Map<String, Map<String, LongAdder>> byNamespace = new ConcurrentHashMap<>();
    private volatile double errorRate;
    private volatile Duration latency;
    /** Resources (plural names) whose requests across all namespaces are refused, as RBAC refuses them to Nuage. */
    private volatile java.util.Set<String> refusedClusterWide = java.util.Set.of();

    /**
     * {@code forgetRecorded} empties the web server's record of the requests it received: Fabric8's MockWebServer
     * keeps every request (with its body) for {@code takeRequest()}, for as long as it runs, which a cluster that runs
     * for weeks under the embedded default must not. Nothing reads that record here.
     */
    FaultInjectingDispatcher(List<CustomResourceDefinitionContext> crds, String bypassToken,
            double errorRate, Duration latency, long egressBytesPerSecond, Runnable forgetRecorded) {
        this.store = new IndexedCrudDispatcher(crds);
        this.consoles = new SimulatedConsoles(store::handleGet);
        this.prometheus = new SimulatedPrometheus(store::handleGet, egressBytesPerSecond, java.time.Clock.systemUTC());
        this.bypassToken = bypassToken;
        this.forgetRecorded = forgetRecorded;
        setErrorRate(errorRate);
        setLatency(latency);
    }

    void setErrorRate(double rate) {
        SimulatorSettings.requireRate(rate);
        this.errorRate = rate;
    }

    void setLatency(Duration latency) {
        SimulatorSettings.requireNonNegative(latency, "addedLatency");
        this.latency = latency;
    }

    void refuseClusterWide(java.util.Set<String> resources) {
        this.refusedClusterWide = java.util.Set.copyOf(resources);
    }

    SimulatedPrometheus prometheus() {
        return prometheus;
    }

    double errorRate() {
        return errorRate;
    }

    Duration latency() {
        return latency;
    }

    /**
     * Requests Nuage made (not the simulator's own), by "METHOD resource status", e.g.
     * "POST virtualmachines 201": what the tests and the benchmark count.
     */
    Map<String, Long> requestCounts() {
        Map<String, Long> counts = new TreeMap<>();
        requests.forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }

    /** {@link #requestCounts()} of the requests made in {@code namespace}, or on it. */
    Map<String, Long> requestCounts(String namespace) {
        Map<String, Long> counts = new TreeMap<>();
        byNamespace.getOrDefault(namespace, Map.of()).forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        forgetRecorded.run(); // this request was recorded before it was dispatched
        if (REQUEST_COUNTS_PATH.equals(request.getPath())) {
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(Serialization.asJson(requestCounts()));
        }
        MockResponse metrics = prometheus.answer(request); // not the API server: neither faulted nor counted
        if (metrics != null) {
            return metrics;
        }
        if (namespace(request.getPath()) == null && refusedClusterWide.contains(resource(request.getPath()))) {
            requests.computeIfAbsent(request.getMethod() + " " + resource(request.getPath()) + " 403", k -> new LongAdder()).increment();
            return new MockResponse().setResponseCode(403).setHeader("Content-Type", "application/json").setBody(
                    "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"reason\":\"Forbidden\","
                    + "\"message\":\"simulated RBAC: not allowed across all namespaces\",\"code\":403}");
        }
        if (isWatch(request) || bypassToken.equals(request.getHeader(BYPASS_HEADER))) {
            return serve(request);
        }
        double rate = errorRate;
        MockResponse response = rate > 0 && ThreadLocalRandom.current().nextDouble() < rate
                ? transientError(TRANSIENT_CODES[ThreadLocalRandom.current().nextInt(TRANSIENT_CODES.length)])
                : serve(request);
        String key = request.getMethod() + " " + resource(request.getPath()) + " " + (response == null ? 0 : response.code());
        requests.computeIfAbsent(key, k -> new LongAdder()).increment();
        String namespace = namespace(request.getPath());
        if (namespace != null) {
            byNamespace.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>()).computeIfAbsent(key, k -> new LongAdder())
                    .increment();
        }
        Duration delay = latency;
        if (response != null && !delay.isZero()) {
            // Dispatch runs on the mock server's event loop: the delay must be a timer there, never a sleep.
            if (response.getBody() == null) {
                response.setBody("");
            }
            response.setBodyDelay(delay);
        }
        return response;
    }

    /** A console's log or socket ({@link SimulatedConsoles}), else the stored objects. */
    private MockResponse serve(RecordedRequest request) {
        MockResponse console = consoles.answer(request);
        return console != null ? console : store.dispatch(request);
    }

    /** The resource a request path names: the plural after the namespace, else the last kind segment. */
    static String resource(String path) {
        int query = path.indexOf('?');
        String[] parts = (query >= 0 ? path.substring(0, query) : path).split("/");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("namespaces")) {
                return i + 2 < parts.length ? parts[i + 2] : "namespaces";
            }
        }
        return parts.length > 0 ? parts[parts.length - 1] : path;
    }

    /** The namespace a path names (the segment after "namespaces"), or null. */
    static String namespace(String path) {
        int query = path.indexOf('?');
        String[] parts = (query >= 0 ? path.substring(0, query) : path).split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals("namespaces")) {
                return parts[i + 1];
            }
        }
        return null;
    }

    private static boolean isWatch(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        if (query >= 0) {
            for (String parameter : path.substring(query + 1).split("&")) {
                if (parameter.equals("watch=true") || parameter.equals("watch=1")) {
                    return true;
                }
            }
        }
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).equals("websocket");
    }

    private static MockResponse transientError(int code) {
        String reason = switch (code) {
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            default -> "InternalError";
        };
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"simulated transient API error\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }
}
