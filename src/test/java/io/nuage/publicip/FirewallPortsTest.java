package io.nuage.publicip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.nuage.errors.NuageError;
import io.nuage.network.FirewallRule;

/** Which ports an attach without ports forwards: those the firewall opens, or a refusal that says why. */
class FirewallPortsTest {

    private static FirewallRule rule(String protocol, String ports) {
        return new FirewallRule("ingress", protocol, ports, "0.0.0.0/0");
    }

    private static String refusal(List<FirewallRule> rules) {
        NuageError e = assertThrows(NuageError.class, () -> FirewallPorts.open(rules));
        assertEquals("ports_required", e.code());
        return e.getMessage();
    }

    @Test
    void tcpThenUdpEachPortOnceIcmpIgnored() {
        assertEquals(List.of(new PublicPort(22, "tcp"), new PublicPort(80, "tcp"), new PublicPort(81, "tcp"), new PublicPort(53, "udp"),
                new PublicPort(80, "udp"), new PublicPort(81, "udp")),
                FirewallPorts.open(List.of(rule("udp", "53"), rule("any", "80-81"), rule("tcp", "22"), rule("tcp", "80"),
                        rule("icmp", null))));
    }

    @Test
    void everyPortTooManyOrNoneIsRefused() {
        assertTrue(refusal(List.of(rule("tcp", "22"), rule("tcp", null))).contains("every tcp port"));
        assertTrue(refusal(List.of(rule("any", null))).contains("every tcp port"));
        assertTrue(refusal(List.of(rule("tcp", "1000-1032"))).contains("more than " + FirewallPorts.MAX));
        assertEquals(FirewallPorts.MAX, FirewallPorts.open(List.of(rule("tcp", "1000-1031"))).size());
        assertTrue(refusal(List.of(rule("icmp", null))).contains("no firewall rule"));
        assertTrue(refusal(List.of()).contains("no firewall rule"));
    }
}
