package io.nuage.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

/**
 * The regions this installation offers ({@code nuage.regions}), read once and checked at start: a country that is not
 * two upper-case letters, a blank cluster, or a default region that is not offered stops the start. Country and cluster
 * are configuration, never stored with a resource: rows keep the region's name, and views look its country up here.
 */
@Startup
@Singleton
public class RegionDirectory {

    /** What an installation that configures no region offers. */
    static final List<Region> DEFAULTS = List.of(new Region("fr-par", "FR", "local"), new Region("nl-ams", "NL", "local"),
            new Region("de-fra", "DE", "local"));

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    /**
     * The directory of the running installation, for row mappers that are plain functions (a view's country). The
     * configuration does not change while the process lives; the last one built wins, as in tests that restart the app.
     */
    private static volatile RegionDirectory current = new RegionDirectory(DEFAULTS);

    private final Map<String, Region> byName = new LinkedHashMap<>();

    @Inject
    RegionDirectory(NuageConfig config) {
        this(configured(config.regions()));
        if (!byName.containsKey(config.defaultRegion())) {
            throw new IllegalStateException("nuage.default-region '" + config.defaultRegion() + "' is not one of nuage.regions "
                    + names());
        }
    }

    /** Called by CDI alone, so that a directory built in a unit test leaves the running installation's in place. */
    @PostConstruct
    void publish() {
        current = this;
    }

    RegionDirectory(List<Region> regions) {
        for (Region r : regions) {
            if (!NAME.matcher(r.name()).matches()) {
                throw new IllegalStateException("nuage.regions: '" + r.name() + "' is not a region name (a DNS label)");
            }
            if (r.country() == null || !COUNTRY.matcher(r.country()).matches()) {
                throw new IllegalStateException("nuage.regions.\"" + r.name() + "\".country must be an ISO 3166-1 alpha-2 code,"
                        + " two upper-case letters (FR), not '" + r.country() + "'");
            }
            if (r.cluster() == null || r.cluster().isBlank()) {
                throw new IllegalStateException("nuage.regions.\"" + r.name() + "\".cluster must name a cluster");
            }
            byName.put(r.name(), r);
        }
    }

    private static List<Region> configured(Map<String, RegionSettings> settings) {
        if (settings.isEmpty()) {
            return DEFAULTS;
        }
        List<Region> regions = new ArrayList<>();
        settings.forEach((name, s) -> regions.add(new Region(name, s.country(), s.cluster())));
        regions.sort((a, b) -> a.name().compareTo(b.name()));
        return regions;
    }

    /** The regions offered, in name order (the defaults in their own order). */
    public List<Region> all() {
        return List.copyOf(byName.values());
    }

    /** The names of the regions offered. */
    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(byName.keySet()));
    }

    public boolean offers(String region) {
        return byName.containsKey(region);
    }

    /** The region of that name, or null when this installation does not offer it (any longer). */
    public Region find(String region) {
        return region == null ? null : byName.get(region);
    }

    /** The country of a region of the running installation, or null for one it does not offer (any longer). */
    public static String countryOf(String region) {
        Region r = current.find(region);
        return r == null ? null : r.country();
    }
}
