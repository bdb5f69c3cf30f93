package io.nuage.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Notes when the n-th VirtualMachine appears in a namespace, from a watch (a WebSocket, as the mock API server wants
 * it) whose messages are not parsed: only the event type at their end is looked at, so the harness spends next to
 * no CPU on them (a Fabric8 watch would parse each event, and every VM has several).
 */
final class VmAdditions implements WebSocket.Listener, AutoCloseable {

    private final int n;
    private final AtomicInteger added = new AtomicInteger();
    private volatile long allSeenAt;
    private final StringBuilder tail = new StringBuilder();
    private WebSocket socket;

    private VmAdditions(int n) {
        this.n = n;
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static VmAdditions watch(int apiServerPort, String namespace, int n) throws Exception {
        VmAdditions additions = new VmAdditions(n);
        additions.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
                + apiServerPort + "/apis/kubevirt.io/v1/namespaces/" + namespace + "/virtualmachines?watch=true"), additions)
                .get(10, TimeUnit.SECONDS);
        return additions;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        // Fabric8's events end with their type, {"object":{...},"type":"ADDED"}; a large one may come in several
        // parts, so the end is looked for in the last characters received.
        tail.append(data);
        if (tail.length() > 64) {
            tail.delete(0, tail.length() - 64);
        }
        if (last) {
            if (tail.toString().endsWith("\"type\":\"ADDED\"}") && added.incrementAndGet() == n) {
                allSeenAt = System.nanoTime();
            }
            tail.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    /** When the n-th VirtualMachine was added (System.nanoTime()), or 0 if not yet. */
    long allSeenAt() {
        return allSeenAt;
    }

    /** Waits until all n were seen, at most {@code limit}; returns when they were, or 0. */
    long awaitAll(java.time.Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (allSeenAt == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return allSeenAt;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
