package io.nuage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** nuage.regions as an operator writes it: a map of regions with a country and a cluster, checked at start. */
class RegionDirectoryTest {

    @Test
    void noRegionConfiguredOffersTheThreeDefaults() {
        RegionDirectory d = new RegionDirectory(config(Map.of()));
        assertEquals(List.of(new Region("fr-par", "FR", "local"), new Region("nl-ams", "NL", "local"),
                new Region("de-fra", "DE", "local")), d.all());
    }

    @Test
    void configuredRegionsReplaceTheDefaultsWithTheirCountryAndCluster() {
        RegionDirectory d = new RegionDirectory(config(Map.of(
                "nuage.regions.\"fr-par\".country", "FR", "nuage.regions.\"fr-par\".cluster", "par-k8s-1",
                "nuage.regions.\"be-bru\".country", "BE")));
        assertEquals(List.of(new Region("be-bru", "BE", "local"), new Region("fr-par", "FR", "par-k8s-1")), d.all());
        assertTrue(d.offers("be-bru"));
        assertNull(d.find("nl-ams"));
    }

    @Test
    void aCountryThatIsNotTwoUpperCaseLettersStopsTheStart() {
        for (String country : List.of("fr", "FRA", "F1")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new RegionDirectory(config(Map.of("nuage.regions.\"fr-par\".country", country))));
            assertTrue(e.getMessage().contains("ISO 3166-1 alpha-2"), e.getMessage());
        }
    }

    @Test
    void aDefaultRegionNotOfferedStopsTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new RegionDirectory(config(Map.of("nuage.regions.\"be-bru\".country", "BE"))));
        assertTrue(e.getMessage().contains("nuage.default-region 'fr-par'"), e.getMessage());
    }

    @Test
    void aRegionNameThatIsNoDnsLabelStopsTheStart() {
        assertThrows(IllegalStateException.class,
                () -> new RegionDirectory(config(Map.of("nuage.regions.\"Paris 1\".country", "FR", "nuage.default-region", "Paris 1"))));
    }

    private static NuageConfig config(Map<String, String> regions) {
        Map<String, String> p = new HashMap<>();
        p.put("nuage.data-dir", "target/nuage-test-data");
        p.put("nuage.default-region", "fr-par");
        p.put("nuage.tenant-defaults.vcpus", "16");
        p.put("nuage.tenant-defaults.memory-mib", "65536");
        p.put("nuage.tenant-defaults.storage-gib", "1000");
        p.put("nuage.tenant-defaults.instances", "20");
        p.put("nuage.tenant-defaults.sla-target", "99.9");
        p.putAll(regions);
        return new SmallRyeConfigBuilder().withMapping(NuageConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(p, "region-directory-test", 100))
                .build().getConfigMapping(NuageConfig.class);
    }
}
