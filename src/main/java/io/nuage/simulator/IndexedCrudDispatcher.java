package io.nuage.simulator;

import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Fabric8's CRUD dispatcher with requests for one object by name served from an index. Fabric8 matches every request
 * against every stored object, and each match scans the object's attributes: with a few thousand objects, the
 * simulated API server spent most of the machine's CPU on that, and starved Nuage beside it. A real API server looks
 * objects up by key; so does this one for GET, DELETE, PUT, PATCH and POST (whose existence check is a lookup).
 * Lists, label selectors and deletes of a whole collection keep Fabric8's own code. Watches are served as a real API
 * server serves them, from a cache of the last changes ({@link WatchCache}).
 *
 * <p>Fabric8 guards its store with a private lock. Lookups here must not see the gap between its remove and put of an
 * updated object, so every request also takes this class's lock, around Fabric8's: writes exclusively.
 *
 * <p>It also applies JSON merge patches as a real API server does (RFC 7386), where Fabric8's mock appends lists.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

    private static final Attribute NONE = new Attribute(KubernetesAttributesExtractor.NAME, "");
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final NameIndexedStore store = new NameIndexedStore();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final WatchCache watches = new WatchCache(WatchCache.CAPACITY);

    IndexedCrudDispatcher(List<CustomResourceDefinitionContext> crdContexts) {
        super(crdContexts);
        replaceStore(Collections.synchronizedMap(store));
    }

    /** Fabric8 writes its store only through {@code map}'s put, remove and clear, which the index follows. */
    private void replaceStore(Map<AttributeSet, String> indexed) {
        try {
            Field field = CrudDispatcher.class.getDeclaredField("map");
            field.setAccessible(true);
            field.set(this, indexed);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Fabric8's mock server changed: cannot index its store", e);
        }
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        return locked(lock.writeLock(), () -> super.handleCreate(request));
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        return locked(lock.writeLock(), () -> super.handleUpdate(request));
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        return locked(lock.writeLock(), () -> super.handlePatch(request));
    }

    /**
     * A delete by name finds its object in the index. Fabric8 copied and matched the whole store for every delete, so
     * deleting N objects cost N² matches: a mass delete of 10,000 instances ran at 16–33 VirtualMachine deletes a
     * second, and one of 50,000 took half an hour. What happens to the object is Fabric8's: removed when it has no
     * finalizer, else marked for deletion once (a new version with its deletion timestamp); the answer is the object as
     * it was.
     */
    @Override
    public MockResponse handleDelete(String path) {
        AttributeSet query = attributeExtractor.fromPath(path);
        Attribute name = query.getAttribute(KubernetesAttributesExtractor.NAME);
        if (name == null) {
            return locked(lock.writeLock(), () -> super.handleDelete(path));
        }
        return locked(lock.writeLock(), () -> {
            List<AttributeSet> keys;
            synchronized (getMap()) {
                keys = store.named(name).stream().filter(key -> key.matches(query)).toList();
            }
            if (keys.isEmpty()) {
                return new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND);
            }
            String before = getMap().get(keys.get(0));
            keys.forEach(key -> delete(path, query, key));
            return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(before);
        });
    }

    private void delete(String path, AttributeSet query, AttributeSet key) {
        GenericKubernetesResource o = JSON.unmarshal(getMap().get(key), GenericKubernetesResource.class);
        if (o.getFinalizers().isEmpty()) {
            processEvent(path, query, key, null, null);
        } else if (!o.isMarkedForDeletion()) {
            o.getMetadata().setDeletionTimestamp(ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            o.getMetadata().setResourceVersion(String.valueOf(requestResourceVersion()));
            processEvent(path, query, key, o, JSON.asJson(o));
        }
    }

    /** Every change of the store, as Fabric8 makes it, goes to the watches ({@link WatchCache}) too. */
    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldKey, GenericKubernetesResource resource,
            String newJson) {
        String oldJson = oldKey == null ? null : getMap().get(oldKey);
        store.lastPut = null;
        super.processEvent(path, pathAttributes, oldKey, resource, newJson); // the store; Fabric8's own watches: none
        if (!Objects.equals(oldJson, newJson)) {
            long version = newJson != null ? WatchCache.versionOf(newJson) : requestResourceVersion();
            watches.changed(version, oldKey, oldJson, newJson == null ? null : store.lastPut, newJson);
        }
    }

    /**
     * A watch, served by {@link WatchCache}: of the path's kind, namespace and label selector, and of one name when its
     * field selector asks for it; from its resourceVersion when it gives one.
     */
    @Override
    public MockResponse handleWatch(String path) {
        AttributeSet scope = attributeExtractor.fromPath(path);
        Long from = null;
        String query = URI.create(path).getQuery();
        for (String parameter : query == null ? new String[0] : query.split("&")) {
            if (parameter.startsWith("fieldSelector=") && parameter.contains("metadata.name=")) {
                String name = parameter.substring(parameter.indexOf("metadata.name=") + "metadata.name=".length());
                scope = scope.add(new Attribute(KubernetesAttributesExtractor.NAME, name.split(",")[0]));
            } else if (parameter.startsWith("resourceVersion=") && parameter.length() > "resourceVersion=".length()
                    && !parameter.equals("resourceVersion=0")) {
                from = version(parameter.substring("resourceVersion=".length()));
            }
        }
        AttributeSet watched = scope;
        Long since = from;
        return locked(lock.readLock(), () -> new MockResponse().withWebSocketUpgrade(watches.watch(watched, since, getMap())));
    }

    /** A version as clients send it back; one that is not this server's (not a number) resumes nothing. */
    private static Long version(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public MockResponse handleGet(String path) {
        if (path.contains("watch=true")) {
            return handleWatch(path);
        }
        AttributeSet query = attributeExtractor.fromPath(path);
        if (query.getAttribute(KubernetesAttributesExtractor.NAME) == null) {
            return locked(lock.readLock(), () -> super.handleGet(path));
        }
        return locked(lock.readLock(), () -> {
            Map.Entry<AttributeSet, String> found = findResource(query);
            return found == null
                    ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
                    : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(found.getValue());
        });
    }

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        Attribute name = query.getAttribute(KubernetesAttributesExtractor.NAME);
        if (name == null) {
            return super.findResource(query);
        }
        synchronized (getMap()) {
            for (AttributeSet key : store.named(name)) {
                if (key.matches(query)) {
                    return Map.entry(key, store.get(key));
                }
            }
        }
        return null;
    }

    /**
     * A JSON merge patch (RFC 7386), as a real API server applies it to custom resources: a list in the patch replaces
     * the stored list, and a null removes the field. Fabric8's merge (Jackson's readerForUpdating) appends lists and
     * stores nulls: each status patch of the simulated KubeVirt added its conditions again, so a VM whose status had
     * been written twice never equalled its desired status again and was patched, and grew, on every pass. Once its
     * watch events passed 64 KiB the mock server sent them in several WebSocket frames, which Fabric8 7.4's Vert.x
     * client never reads past (it asks for one frame per message): every informer of VMs stopped, still "watching".
     */
    @Override
    public JsonNode merge(JsonNode base, String patch) throws KubernetesCrudDispatcherException {
        return mergePatch(base.deepCopy(), asNode(patch));
    }

    private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode merged = target != null && target.isObject()
                ? (ObjectNode) target : JsonNodeFactory.instance.objectNode();
        patch.properties().forEach(field -> {
            if (field.getValue().isNull()) {
                merged.remove(field.getKey());
            } else {
                merged.set(field.getKey(), mergePatch(merged.get(field.getKey()), field.getValue()));
            }
        });
        return merged;
    }

    private static <T> T locked(Lock lock, Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** The stored objects in insertion order, as Fabric8 keeps them, plus their keys by name. */
    private static final class NameIndexedStore extends LinkedHashMap<AttributeSet, String> {

        private final Map<Attribute, Set<AttributeSet>> byName = new HashMap<>();

        Set<AttributeSet> named(Attribute name) {
            return byName.getOrDefault(name, Set.of());
        }

        /** The key of the last object put: the key Fabric8 gave the object a change stored. */
        AttributeSet lastPut;

        @Override
        public String put(AttributeSet key, String value) {
            lastPut = key;
            String previous = super.put(key, value);
            byName.computeIfAbsent(nameOf(key), n -> new LinkedHashSet<>()).add(key);
            return previous;
        }

        @Override
        public String remove(Object key) {
            boolean present = containsKey(key);
            String previous = super.remove(key);
            if (present) {
                Attribute name = nameOf((AttributeSet) key);
                Set<AttributeSet> keys = byName.get(name);
                keys.remove(key);
                if (keys.isEmpty()) {
                    byName.remove(name);
                }
            }
            return previous;
        }

        @Override
        public void clear() {
            super.clear();
            byName.clear();
        }

        private static Attribute nameOf(AttributeSet key) {
            Attribute name = key.getAttribute(KubernetesAttributesExtractor.NAME);
            return name == null ? NONE : name;
        }
    }
}
