package io.nuage.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ImportHostsTest {

    @Test
    void everyWayOfWritingAnIpv4AddressIsRead() {
        for (String loopback : List.of("127.0.0.1", "2130706433", "0x7f000001", "0x7f.1", "0177.0.0.1", "127.1", "127.0.1",
                "0x7f.0.0.0x1", "017700000001")) {
            assertEquals("127.0.0.1", ImportHosts.literal(loopback).getHostAddress(), loopback);
        }
        assertEquals("0.0.0.0", ImportHosts.literal("0").getHostAddress());
        assertEquals("169.254.169.254", ImportHosts.literal("0xa9fea9fe").getHostAddress());
        for (String name : List.of("images.example.org", "1e100.net", "08.1.2.3", "256.0.0.1", "1.2.3.4.5", "0x", "4294967296",
                "1.256.0.0", "1..2")) {
            assertNull(ImportHosts.literal(name), name);
        }
    }

    @Test
    void ipv6LiteralsAreRead() {
        assertEquals("0:0:0:0:0:0:0:1", ImportHosts.literal("::1").getHostAddress());
        assertEquals("127.0.0.1", ImportHosts.literal("::ffff:127.0.0.1").getHostAddress());
        assertNull(ImportHosts.literal("::g"));
    }

    @Test
    void theHostOfAUrlIsReadAsAResolverWould() {
        assertEquals("images.example.org", ImportHosts.ofUrl("https://Images.Example.org./f41.qcow2"));
        assertEquals("10.0.0.1", ImportHosts.ofUrl("http://user:pw@10.0.0.1:8080/x"));
        assertEquals("192.168.0.1", ImportHosts.ofUrl("http://images.example.org@192.168.0.1/x"));
        assertEquals("0x7f.1", ImportHosts.ofUrl("http://0x7f.1/"));
        assertEquals("2130706433", ImportHosts.ofUrl("http://2130706433/"));
        assertEquals("::1", ImportHosts.ofUrl("http://[::1]:80/"));
        for (String bad : List.of("ftp://a.org/x", "http:///x", "http://%31%32%37.0.0.1/", "http://[::1/", "http://h:p/",
                "http://a b/", "http://[fe80::1%25eth0]/", "http://exämple.org/", "//a.org/x", "http://[127.0.0.1]/")) {
            assertNull(ImportHosts.ofUrl(bad), bad);
        }
    }

    @Test
    void theRegistryOfAnImageIsItsFirstComponentWhenDockerWouldReadAHost() {
        assertEquals(Optional.of("quay.io"), ImportHosts.ofRegistry("quay.io/containerdisks/fedora:41"));
        assertEquals(Optional.of("localhost"), ImportHosts.ofRegistry("localhost/disk"));
        assertEquals(Optional.of("10.0.0.5"), ImportHosts.ofRegistry("10.0.0.5:5000/disk"));
        assertEquals(Optional.empty(), ImportHosts.ofRegistry("fedora:41"));
        assertEquals(Optional.empty(), ImportHosts.ofRegistry("library/fedora"));
        assertEquals(Optional.empty(), ImportHosts.ofRegistry("2130706433/disk"));
    }

    @Test
    void onlyPublicAddressesArePublic() throws Exception {
        for (String internal : List.of("127.0.0.1", "10.1.2.3", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                "100.127.255.255", "0.0.0.0", "0.1.2.3", "224.0.0.1", "255.255.255.255", "192.0.2.1", "::1", "::",
                "fd00:ec2::254", "fc00::1", "fe80::1", "ff02::1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1",
                "2001:db8::1", "::7f00:1")) {
            assertFalse(ImportHosts.isPublic(InetAddress.getByName(internal)), internal);
        }
        for (String public_ : List.of("93.184.215.14", "8.8.8.8", "100.63.255.255", "100.128.0.0", "172.32.0.1", "2606:4700::1",
                "64:ff9b::808:808", "2002:808:808::1")) {
            assertTrue(ImportHosts.isPublic(InetAddress.getByName(public_)), public_);
        }
    }

    @Test
    void localNamesAreThoseOfOneLabelOrALocalDomain() {
        for (String local : List.of("localhost", "metadata", "api.localhost", "printer.local", "metadata.google.internal",
                "1.0.0.127.in-addr.arpa")) {
            assertTrue(ImportHosts.isLocalName(local), local);
        }
        assertFalse(ImportHosts.isLocalName("images.example.org"));
    }

    @Test
    void blocksOfBothFamilies() {
        AddressBlock v4 = AddressBlock.parse("172.16.0.0/12");
        assertTrue(v4.contains(ImportHosts.literal("172.20.1.1")));
        assertFalse(v4.contains(ImportHosts.literal("172.32.0.0")));
        assertTrue(AddressBlock.parse("fc00::/7").contains(ImportHosts.literal("fdff::1")));
        assertFalse(AddressBlock.parse("fc00::/7").contains(ImportHosts.literal("10.0.0.1")));
        assertTrue(AddressBlock.parse("10.0.0.5").contains(ImportHosts.literal("10.0.0.5")));
        assertThrows(IllegalArgumentException.class, () -> AddressBlock.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> AddressBlock.parse("example.org/8"));
    }

    @Test
    void aMalformedConfigurationEntryStopsStartUp() {
        HostResolver dns = new HostResolver();
        assertThrows(IllegalStateException.class, () -> new ImportSources(dns, List.of("10.0.0.0/8", "pods"), List.of()));
        assertThrows(IllegalStateException.class, () -> new ImportSources(dns, List.of(), List.of("not a host")));
        ImportSources sources = new ImportSources(dns, List.of("45.45.0.0/16"), List.of("*.corp.example", "mirror.example", "10.9.0.0/16"));
        assertTrue(sources.nameAllowed("a.b.corp.example"));
        assertFalse(sources.nameAllowed("corp.example.evil.org"));
        assertTrue(sources.nameAllowed("mirror.example"));
        assertTrue(sources.allowed(ImportHosts.literal("10.9.3.4")));
        assertFalse(sources.allowed(ImportHosts.literal("10.8.3.4")));
        assertFalse(sources.allowed(ImportHosts.literal("45.45.3.4")));
        assertTrue(sources.allowed(ImportHosts.literal("45.46.3.4")));
    }

    @Test
    void theSystemResolverAnswersForLocalhostWithoutTheNetwork() throws Exception {
        assertTrue(new HostResolver().resolve("localhost").stream().allMatch(InetAddress::isLoopbackAddress));
    }
}
