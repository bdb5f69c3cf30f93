package io.nuage.kubevirt;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Realistic builder inputs shared by the tests. */
final class Fixtures {

    static final UUID INSTANCE_ID = UUID.fromString("3f2b8c1e-7d4a-4e8b-9c61-0a5d2e7f1b34");
    static final UUID TENANT_ID = UUID.fromString("9a1c4e27-5b3d-4f60-8e2a-c7d1f0b6a952");
    static final UUID NETWORK_ID = UUID.fromString("7c0e5b2a-9d14-4c3f-a8e6-52b1d9f0c7a3");
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

    /** The running instance with user data, on two networks. */
    static DesiredInstance instanceOnNetworks() {
        DesiredInstance d = instance();
        return new DesiredInstance(d.id(), d.tenant(), d.namespace(), d.name(), d.vcpus(), d.memoryMib(), d.image(),
                d.sshKeys(), d.userData(), d.labels(), d.running(), List.of(
                        new DesiredNic("private", "10.0.1.5", 24, List.of("10.0.1.53")),
                        new DesiredNic("storage", "172.16.0.9", 16, List.of())), List.of());
    }

    /** A network with SSH from a range, a port range, everything from 10/8 and ping. */
    static DesiredNetwork network() {
        return new DesiredNetwork(NETWORK_ID, "acme", "nuage-acme", "private", List.of(
                new DesiredNetwork.Rule("tcp", 22, 22, "203.0.113.0/24"),
                new DesiredNetwork.Rule("any", 8000, 8080, "0.0.0.0/0"),
                new DesiredNetwork.Rule("any", null, null, "10.0.0.0/8"),
                new DesiredNetwork.Rule("icmp", null, null, "0.0.0.0/0")));
    }

    static DesiredTenant tenant() {
        return new DesiredTenant(TENANT_ID, "acme", 16, 65536, 1000, 20);
    }
}
