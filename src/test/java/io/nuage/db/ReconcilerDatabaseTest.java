package io.nuage.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/** The reconciler's connections take the API pool's TLS settings: verify-full needs the CA and the hostname check. */
class ReconcilerDatabaseTest {

    @Test
    void verifyFullCarriesTheCaAndTheHostnameCheck() {
        PgConnectOptions o = ReconcilerDatabase.connectOptions("postgresql://db.example:5432/nuage?sslmode=verify-full",
                Optional.of("nuage"), Optional.of("pw"), new ReconcilerDatabase.Tls(Optional.of("verify-full"),
                        List.of("/etc/nuage/postgres-ca/ca.crt"), Optional.of("HTTPS")));
        assertEquals(SslMode.VERIFY_FULL, o.getSslMode());
        assertTrue(o.getTrustOptions() instanceof PemTrustOptions pem && pem.getCertPaths().equals(List.of("/etc/nuage/postgres-ca/ca.crt")));
        assertEquals("HTTPS", o.getHostnameVerificationAlgorithm());
        assertEquals("nuage", o.getUser());
        assertEquals("db.example", o.getHost());
    }

    @Test
    void withoutTlsSettingsTheUrlDecides() {
        PgConnectOptions o = ReconcilerDatabase.connectOptions("postgresql://127.0.0.1:5432/nuage?sslmode=require",
                Optional.empty(), Optional.empty(), new ReconcilerDatabase.Tls(Optional.empty(), List.of(), Optional.empty()));
        assertEquals(SslMode.REQUIRE, o.getSslMode());
        assertNull(o.getTrustOptions());
    }
}
