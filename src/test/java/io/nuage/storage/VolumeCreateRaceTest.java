package io.nuage.storage;

import static io.nuage.api.TestApi.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.nuage.api.TestApi;
import io.nuage.errors.NuageError;
import io.nuage.tenancy.Tenant;
import io.nuage.tenancy.TenantStore;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A volume create that found its tenant live, and reaches the database after the tenant was deleted (the request
 * resolved the tenant first, then the delete committed): the create takes nothing and answers 404, as if the
 * request had come a moment later. The deleted tenant owns no volume and no storage.
 */
@QuarkusTest
class VolumeCreateRaceTest {

    @Inject
    VolumeStore volumes;

    @Inject
    TenantStore tenants;

    @Inject
    Pool pool;

    @Test
    void aCreateThatLostTheRaceWithItsTenantsDeleteLeavesNothing() {
        String name = TestApi.createTenant();
        Tenant found = tenants.find(name).await().atMost(Duration.ofSeconds(10));
        admin().delete("/v1/tenants/" + name).then().statusCode(204);

        NuageError refused = assertThrows(NuageError.class, () -> volumes.create(found,
                new VolumeSpec("late", 10, null, VolumeSource.blankSource(), Map.of(), "fr-par"), Instant.now())
                .await().atMost(Duration.ofSeconds(10)));
        assertEquals(NuageError.Kind.NOT_FOUND, refused.kind());
        assertEquals("not_found", refused.code());

        assertEquals(0L, pool.preparedQuery("SELECT COUNT(*) FROM volumes WHERE tenant_id = $1").execute(Tuple.of(found.id()))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0), "no volume in the deleted tenant");
        assertEquals(0L, pool.preparedQuery("SELECT used_storage_gib FROM tenants WHERE id = $1").execute(Tuple.of(found.id()))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0), "no storage taken");
    }
}
