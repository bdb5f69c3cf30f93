package io.nuage.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs a test class on its own application and simulated cluster. Used by the classes that
 * inject API faults: in a simulated cluster that earlier test classes had filled and then
 * faulted, watches were seen to stop delivering new objects (an open problem, see issue #4),
 * and those classes must not depend on what ran before them.
 */
public class FreshClusterProfile implements QuarkusTestProfile {

    /** A distinct profile per test class: Quarkus restarts the application for each. */
    public static class Repair extends FreshClusterProfile {
    }

    public static class TwoReconcilers extends FreshClusterProfile {
    }

    public static class ObservationGap extends FreshClusterProfile {
    }

    /** 2,500 instances: kept away from the other classes' resyncs. */
    public static class StablePaging extends FreshClusterProfile {
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("nuage.cluster.simulator.port", "0");
    }
}
