package io.nuage.tenancy;

import java.util.Locale;

/**
 * What a token may do, highest first: admin manages everything (the operator token alone), member reads and writes its
 * tenant, viewer reads it.
 */
public enum Role {
    ADMIN, MEMBER, VIEWER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of that wire name, or null for none. */
    public static Role ofWireName(String name) {
        for (Role r : values()) {
            if (r.wireName().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** Whether this role may do more than {@code other}. */
    public boolean outranks(Role other) {
        return ordinal() < other.ordinal();
    }
}
