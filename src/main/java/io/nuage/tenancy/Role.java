package io.nuage.tenancy;

/** What a token may do: admin manages everything, member reads and writes its tenant, viewer reads it. */
public enum Role {
    ADMIN, MEMBER, VIEWER;

    public String wireName() {
        return name().toLowerCase();
    }
}
