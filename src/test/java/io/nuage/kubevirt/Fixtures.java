package io.nuage.kubevirt;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Realistic builder inputs shared by the tests. */
final class Fixtures {

    static final UUID INSTANCE_ID = UUID.fromString("3f2b8c1e-7d4a-4e8b-9c61-0a5d2e7f1b34");
    static final UUID TENANT_ID = UUID.fromString("9a1c4e27-5b3d-4f60-8e2a-c7d1f0b6a952");
    static final String SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHh0bWx1c2VyQGV4YW1wbGUuY29tIGtleSBmb3IgdGVzdHM alice@laptop";
    static final String USER_DATA = "#cloud-config\npackages:\n  - nginx\nruncmd:\n  - systemctl enable --now nginx\n";

    private Fixtures() {
    }

    /** A running 2 vCPU / 2 GiB instance with one SSH key and user data. */
    static DesiredInstance instance() {
        return new DesiredInstance(INSTANCE_ID, "acme", "nuage-acme", "web-1", 2, 2048,
                "quay.io/containerdisks/fedora:41", List.of(SSH_KEY), USER_DATA, Map.of("env", "prod"), true);
    }

    static DesiredInstance instance(List<String> sshKeys, String userData, boolean running) {
        DesiredInstance d = instance();
        return new DesiredInstance(d.id(), d.tenant(), d.namespace(), d.name(), d.vcpus(), d.memoryMib(), d.image(),
                sshKeys, userData, d.labels(), running);
    }

    static DesiredTenant tenant() {
        return new DesiredTenant(TENANT_ID, "acme", 16, 65536, 1000, 20);
    }
}
