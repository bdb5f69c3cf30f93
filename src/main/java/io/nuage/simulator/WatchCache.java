package io.nuage.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * The simulated API server's watches, served as a real API server serves them from its watch cache: the last changes
 * are kept ({@link #CAPACITY} of them), a watch that resumes from a resourceVersion is sent the changes after it (or,
 * when they are no longer all kept, an error 410 Gone, on which a client lists again), and a watch gets the events
 * that happen while its socket opens. Each event is written once for all the watches that see it.
 *
 * <p>Fabric8's mock server answered a resumed watch with every object that exists, as ADDED, and nothing of what was
 * deleted in between, and dropped what it sent a watch before the watch's socket opened. Fabric8's informers restart
 * their watch every 5 to 10 minutes from the last version they saw, so an informer lost the deletions of those moments
 * for good: in a mass delete of 50,000 instances the simulated KubeVirt missed 858 VirtualMachine deletions and kept
 * their instances running, and Nuage, which waits for an instance to stop before it forgets it, waited for ever.
 *
 * <p>Changes arrive under the dispatcher's write lock, watches start under its read lock: a watch's replay and the
 * changes that follow it never interleave.
 */
final class WatchCache {

    /** About ten seconds of a mass delete of 50,000 instances; a watch that fell further behind lists again. */
    static final int CAPACITY = 20_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int capacity;
    private final ArrayDeque<Change> history = new ArrayDeque<>();
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    /** The version of the newest change no longer kept: a watch resuming from before it has missed changes. */
    private long forgotten;

    WatchCache(int capacity) {
        this.capacity = capacity;
    }

    /**
     * An object changed: {@code oldJson} under {@code oldKey} became {@code newJson} under {@code newKey} (either null:
     * created or deleted) at {@code version}. Each watch that saw or sees it is told.
     */
    void changed(long version, AttributeSet oldKey, String oldJson, AttributeSet newKey, String newJson) {
        Change change = new Change(version, oldKey, oldJson, newKey, newJson);
        history.addLast(change);
        if (history.size() > capacity) {
            forgotten = history.removeFirst().version;
        }
        watches.forEach(w -> w.offer(change));
    }

    /**
     * A new watch of {@code scope}. From a version ({@code from}): the kept changes after it. Without one: every
     * object in {@code store} it sees, as ADDED, as a real API server starts a watch without a version.
     */
    WebSocketListener watch(AttributeSet scope, Long from, Map<AttributeSet, String> store) {
        Watch watch = new Watch(scope);
        if (from == null) {
            synchronized (store) {
                store.forEach((key, json) -> {
                    if (key.matches(scope)) {
                        watch.send(event("ADDED", json));
                    }
                });
            }
        } else if (from < forgotten) {
            watch.send(gone(from));
            return watch; // the client lists again, then watches from the list's version
        } else {
            for (Change change : history) {
                if (change.version > from) {
                    watch.offer(change);
                }
            }
        }
        watch.replayed();
        watches.add(watch);
        return watch;
    }

    /** One change of one object, and its events, each written once, when a watch first needs it. */
    private static final class Change {
        final long version;
        final AttributeSet oldKey;
        final String oldJson;
        final AttributeSet newKey;
        final String newJson;
        private String added;
        private String modified;
        private String deleted;

        Change(long version, AttributeSet oldKey, String oldJson, AttributeSet newKey, String newJson) {
            this.version = version;
            this.oldKey = oldKey;
            this.oldJson = oldJson;
            this.newKey = newKey;
            this.newJson = newJson;
        }

        /** ADDED when the object comes into the scope, MODIFIED while it stays, DELETED when it leaves it; else null. */
        synchronized String eventFor(AttributeSet scope) {
            boolean saw = oldJson != null && oldKey.matches(scope);
            boolean sees = newJson != null && newKey.matches(scope);
            if (saw && sees) {
                return modified != null ? modified : (modified = event("MODIFIED", newJson));
            }
            if (sees) {
                return added != null ? added : (added = event("ADDED", newJson));
            }
            if (saw) {
                // As a real API server sends it: the object as it last was, at the version of its deletion (or of its
                // leaving the scope), so that a watch resuming from there does not see it again.
                return deleted != null ? deleted : (deleted = event("DELETED", atVersion(oldJson, version)));
            }
            return null;
        }
    }

    /** One client's watch: its events, in order, kept until its socket opens. */
    private final class Watch extends WebSocketListener {
        private final AttributeSet scope;
        private final List<String> early = new ArrayList<>();
        private WebSocket socket;
        private boolean ended;
        /** How many early events are its start (the replay), once known: only those after it count against the bound. */
        private int replay = -1;

        Watch(AttributeSet scope) {
            this.scope = scope;
        }

        void offer(Change change) {
            String event = change.eventFor(scope);
            if (event != null) {
                send(event);
            }
        }

        synchronized void replayed() {
            replay = early.size();
        }

        synchronized void send(String event) {
            if (ended) {
                return;
            }
            if (socket == null) {
                early.add(event);
                if (replay >= 0 && early.size() - replay > capacity) {
                    end(); // a socket this late is not coming: do not hold its events for ever
                }
                return;
            }
            try {
                socket.send(event);
            } catch (RuntimeException closedMeanwhile) {
                end(); // the client went away: the change that is being written must not fail for it
            }
        }

        @Override
        public synchronized void onOpen(WebSocket webSocket, Response response) {
            if (ended) {
                webSocket.close(1000, "too far behind: watch again"); // the client watches again, from its version
                return;
            }
            socket = webSocket;
            early.forEach(webSocket::send);
            early.clear();
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(code, reason);
            end();
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            end();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            end();
        }

        private void end() {
            synchronized (this) {
                ended = true;
                early.clear();
            }
            watches.remove(this);
        }
    }

    /** The stored object is already its JSON: the event wraps it as it is. */
    private static String event(String type, String object) {
        return "{\"type\":\"" + type + "\",\"object\":" + object + "}";
    }

    private static String gone(long from) {
        return "{\"type\":\"ERROR\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"too old resource version: " + from + "\",\"reason\":\"Expired\",\"code\":410}}";
    }

    private static String atVersion(String json, long version) {
        try {
            ObjectNode o = (ObjectNode) JSON.readTree(json);
            if (o.get("metadata") instanceof ObjectNode metadata) {
                metadata.put("resourceVersion", Long.toString(version));
            }
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the simulated API server stored an object that is not JSON", e);
        }
    }

    /** An object's resourceVersion, as the store holds it. */
    static long versionOf(String json) {
        try {
            return Long.parseLong(JSON.readTree(json).path("metadata").path("resourceVersion").asText("0"));
        } catch (JsonProcessingException | NumberFormatException e) {
            return 0;
        }
    }
}
