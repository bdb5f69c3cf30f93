package io.nuage.console;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.client.http.WebSocket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * Carries one console session's bytes both ways between the client's WebSocket and KubeVirt's, and closes each side
 * when the other closes. KubeVirt is connected first (so that a refusal can still be answered as problem+json before
 * the client's upgrade): what it sends before the client is attached waits here, and no more is asked of it until then.
 * KubeVirt reads binary frames only, so the client's text frames are passed on as binary: a terminal sending text
 * still reaches the guest. Bytes from KubeVirt are asked for one message at a time, the next once the client's write
 * queue has room.
 */
public final class ConsoleBridge implements WebSocket.Listener {

    /** Close codes a peer may send (1005, 1006 and 1015 only report what happened); others become a normal close. */
    private static final int NORMAL = 1000;
    private static final int SERVER_ERROR = 1011;

    private final List<Buffer> early = new ArrayList<>();
    private ServerWebSocket client;
    private WebSocket cluster;
    private boolean closed;

    /** Joins the client's upgraded socket to KubeVirt's, which {@link SerialConsoles#open} opened with this listener. */
    public void attach(ServerWebSocket socket, WebSocket upstream) {
        List<Buffer> waiting;
        synchronized (this) {
            client = socket;
            cluster = upstream;
            waiting = List.copyOf(early);
            early.clear();
        }
        socket.binaryMessageHandler(b -> upstream.send(ByteBuffer.wrap(b.getBytes())));
        socket.textMessageHandler(t -> upstream.send(ByteBuffer.wrap(t.getBytes(StandardCharsets.UTF_8))));
        socket.closeHandler(v -> closeCluster(NORMAL, "the client closed the console"));
        socket.exceptionHandler(e -> closeCluster(SERVER_ERROR, "the client's connection failed"));
        waiting.forEach(socket::writeBinaryMessage);
        if (closedBeforeAttach()) {
            socket.close((short) NORMAL, "the console closed");
            return;
        }
        upstream.request();
    }

    @Override
    public void onMessage(WebSocket upstream, ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        forward(upstream, Buffer.buffer(copy));
    }

    @Override
    public void onMessage(WebSocket upstream, String text) {
        forward(upstream, Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void onClose(WebSocket upstream, int code, String reason) {
        closeClient(validCode(code) ? code : NORMAL, "the console closed");
    }

    @Override
    public void onError(WebSocket upstream, Throwable error) {
        closeClient(SERVER_ERROR, "the cluster's console failed");
    }

    private void forward(WebSocket upstream, Buffer bytes) {
        ServerWebSocket socket;
        synchronized (this) {
            socket = client;
            if (socket == null) {
                early.add(bytes); // asked for nothing more until attached
                return;
            }
        }
        socket.writeBinaryMessage(bytes);
        if (socket.writeQueueFull()) {
            socket.drainHandler(v -> upstream.request());
        } else {
            upstream.request();
        }
    }

    private void closeClient(int code, String reason) {
        ServerWebSocket socket;
        synchronized (this) {
            closed = true;
            socket = client;
        }
        if (socket != null && !socket.isClosed()) {
            socket.close((short) code, reason);
        }
    }

    private void closeCluster(int code, String reason) {
        WebSocket upstream;
        synchronized (this) {
            upstream = cluster;
        }
        if (upstream != null) {
            upstream.sendClose(code, reason);
        }
    }

    private synchronized boolean closedBeforeAttach() {
        return closed;
    }

    private static boolean validCode(int code) {
        return code >= 1000 && code < 5000 && code != 1005 && code != 1006 && code != 1015;
    }
}
