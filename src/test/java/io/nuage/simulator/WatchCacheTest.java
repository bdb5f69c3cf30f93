package io.nuage.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/** What a watch is sent, from where it starts: the simulated API server's watch cache against a fake socket. */
class WatchCacheTest {

    private static final AttributeSet SCOPE = new AttributeSet(new Attribute("plural", "configmaps"), new Attribute("namespace", "w"));

    @Test
    void aResumedWatchGetsWhatChangedSinceItsVersionDeletionsIncluded() {
        WatchCache cache = new WatchCache(100);
        cache.changed(1, null, null, key("a"), object("a", 1));
        cache.changed(2, null, null, key("b"), object("b", 2));
        cache.changed(3, key("a"), object("a", 1), null, null); // a deleted while nobody watched

        Socket socket = open(cache.watch(SCOPE, 1L, Map.of()));
        assertEquals(List.of("ADDED b 2", "DELETED a 3"), socket.events());

        cache.changed(4, key("b"), object("b", 2), key("b"), object("b", 4));
        cache.changed(5, null, null, key("c", "elsewhere"), object("c", 5));
        assertEquals(List.of("ADDED b 2", "DELETED a 3", "MODIFIED b 4"), socket.events(), "nothing outside its scope");
    }

    @Test
    void aWatchWithoutVersionStartsWithEveryObjectItSeesAndGetsWhatHappensBeforeItOpens() {
        WatchCache cache = new WatchCache(100);
        Map<AttributeSet, String> store = new LinkedHashMap<>();
        store.put(key("a"), object("a", 1));
        store.put(key("x", "elsewhere"), object("x", 2));
        WebSocketListener watch = cache.watch(SCOPE, null, store);
        cache.changed(3, null, null, key("b"), object("b", 3)); // before the socket opens

        assertEquals(List.of("ADDED a 1", "ADDED b 3"), open(watch).events());
    }

    @Test
    void aWatchResumingFromBeforeWhatIsKeptIsToldToListAgain() {
        WatchCache cache = new WatchCache(2);
        for (int v = 1; v <= 4; v++) {
            cache.changed(v, null, null, key("o" + v), object("o" + v, v));
        }
        Socket socket = open(cache.watch(SCOPE, 1L, Map.of()));
        assertEquals(1, socket.sent.size());
        assertTrue(socket.sent.get(0).contains("\"type\":\"ERROR\"") && socket.sent.get(0).contains("\"code\":410"),
                socket.sent.get(0));
        assertEquals(List.of("ADDED o3 3", "ADDED o4 4"), open(cache.watch(SCOPE, 2L, Map.of())).events(),
                "every change after 2 is still kept");
    }

    @Test
    void aWatchWhoseSocketNeverOpensIsDroppedOnceItHoldsMoreThanTheCache() {
        WatchCache cache = new WatchCache(2);
        WebSocketListener watch = cache.watch(SCOPE, null, Map.of());
        for (int v = 1; v <= 3; v++) {
            cache.changed(v, null, null, key("o" + v), object("o" + v, v));
        }
        Socket late = new Socket();
        watch.onOpen(late, null);
        assertEquals(List.of(), late.sent, "nothing held for it any more");
        assertTrue(late.closed, "told to watch again");
    }

    @Test
    void aWatchStartingWithMoreObjectsThanTheCacheHoldsIsNotDroppedForIt() {
        WatchCache cache = new WatchCache(2);
        Map<AttributeSet, String> store = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            store.put(key("s" + i), object("s" + i, i));
        }
        Socket opened = open(cache.watch(SCOPE, null, store));
        assertEquals(5, opened.sent.size(), "a start larger than the cache is not held against it");
        assertTrue(!opened.closed, "still watching");
    }

    private static AttributeSet key(String name) {
        return key(name, "w");
    }

    private static AttributeSet key(String name, String namespace) {
        return new AttributeSet(new Attribute("plural", "configmaps"), new Attribute("namespace", namespace),
                new Attribute("name", name));
    }

    private static String object(String name, long version) {
        return "{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"resourceVersion\":\"" + version + "\"}}";
    }

    private static Socket open(WebSocketListener watch) {
        Socket socket = new Socket();
        watch.onOpen(socket, null);
        return socket;
    }

    /** A socket that keeps what is sent on it. */
    private static final class Socket implements WebSocket {
        final List<String> sent = new ArrayList<>();
        boolean closed;

        /** Each event as "TYPE name version". */
        List<String> events() {
            return sent.stream().map(e -> e.replaceAll(".*\"type\":\"(\\w+)\".*\"name\":\"(\\w+)\".*\"resourceVersion\":\"(\\d+)\".*",
                    "$1 $2 $3")).toList();
        }

        @Override
        public RecordedRequest request() {
            return null;
        }

        @Override
        public boolean send(String text) {
            sent.add(text);
            return true;
        }

        @Override
        public boolean send(byte[] bytes) {
            return false;
        }

        @Override
        public boolean close(int code, String reason) {
            closed = true;
            return true;
        }
    }
}
