package io.nuage.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.nuage.work.WorkKind;

/** Which kind an object's events and orphan checks reach: its nuage.io/kind label, else the kind that watches its type. */
class OwnerKindTest {

    @Test
    void aHyphenatedKindLabelNamesItsWorkKind() {
        assertEquals(WorkKind.PUBLIC_IP, KindReconciler.ownerKind(labelled("public-ip"), WorkKind.VOLUME));
        assertEquals(WorkKind.INSTANCE_TYPE, KindReconciler.ownerKind(labelled("instance-type"), WorkKind.VOLUME));
        assertEquals(WorkKind.INSTANCE, KindReconciler.ownerKind(labelled("instance"), WorkKind.VOLUME));
        assertEquals(WorkKind.VOLUME, KindReconciler.ownerKind(labelled("network-policy-of-someone"), WorkKind.VOLUME));
        Service unlabelled = new Service();
        unlabelled.setMetadata(new ObjectMetaBuilder().build());
        assertEquals(WorkKind.VOLUME, KindReconciler.ownerKind(unlabelled, WorkKind.VOLUME));
    }

    private static Service labelled(String kind) {
        Service s = new Service();
        s.setMetadata(new ObjectMetaBuilder().withLabels(Map.of("nuage.io/kind", kind)).build());
        return s;
    }
}
