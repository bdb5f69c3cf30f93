package io.nuage.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * For the benchmarks that run as Quarkus tests: failsafe passes {@code nuage.jar} (the packaged server, for the
 * benchmarks and ITs that start it) to every test JVM, and under the {@code nuage} root it would fail Quarkus' check
 * of unknown properties.
 */
public class BenchmarkProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("smallrye.config.mapping.validate-unknown", "false");
    }
}
