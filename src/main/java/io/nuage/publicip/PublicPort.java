package io.nuage.publicip;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A port a public address forwards to its instance, the same port on the instance. */
public record PublicPort(
        @Schema(required = true, minimum = "1", maximum = "65535") Integer port,
        @Schema(required = true, enumeration = { "tcp", "udp" }) String protocol) {

    public static final int MIN = 1;
    public static final int MAX = 65535;
}
