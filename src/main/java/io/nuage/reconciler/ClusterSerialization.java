package io.nuage.reconciler;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * How Nuage's client reads the cluster's JSON, made for the informer caches, which hold every object Nuage owns for as
 * long as it lives (issue #23: the heap per instance). Most of their strings are the same from one object to the next
 * (label keys and values, namespaces, images, API versions, phases, condition types and reasons), and a
 * VirtualMachineInstance repeats its VirtualMachine's name, namespace and labels: every string read is interned, so one
 * copy serves them all. A string longer than {@link #INTERNED_UP_TO} (user data, certificates) is kept as read. And the
 * managedFields a real API server adds to every object are not kept: Nuage never reads them, and an update that omits
 * them leaves the server's as they are.
 */
final class ClusterSerialization {

    static final int INTERNED_UP_TO = 256;

    private ClusterSerialization() {
    }

    static KubernetesSerialization create() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(new SimpleModule("nuage-interned-strings").addDeserializer(String.class, new Interned()));
        mapper.addMixIn(ObjectMeta.class, WithoutManagedFields.class);
        return new KubernetesSerialization(mapper, true);
    }

    /** Jackson's own string deserializer, whose short results are interned. */
    private static final class Interned extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = super.deserialize(p, ctxt);
            return s != null && s.length() <= INTERNED_UP_TO ? s.intern() : s;
        }
    }

    @JsonIgnoreProperties(value = "managedFields", allowGetters = true)
    private interface WithoutManagedFields {
    }
}
