package io.nuage.platform;

import io.smallrye.config.WithDefault;

/** One region of {@code nuage.regions."<name>"}: where it is and which Kubernetes cluster serves it. */
public interface RegionSettings {

    /** ISO 3166-1 alpha-2 code of the country its machines are in (FR, NL, DE...). */
    String country();

    /**
     * The name of the Kubernetes cluster that serves it, as the operator states it: this installation drives one cluster
     * (nuage.cluster.mode), so every region names that one, under the name residency reports.
     */
    @WithDefault("local")
    String cluster();
}
