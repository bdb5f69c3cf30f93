package io.nuage.storage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.test.Mock;
import io.vertx.core.Context;

/**
 * The DNS of the tests: the names they import from, with the addresses a DNS server could give, so that no test needs
 * the network. Any other name does not resolve. Looking a name up on an event-loop thread fails the request.
 */
@Mock
@ApplicationScoped
public class TestHostResolver extends HostResolver {

    static final String PUBLIC_V4 = "93.184.215.14";
    static final String PUBLIC_V6 = "2606:2800:21f:cb07:6820:80da:af6b:8b2c";

    private static final Map<String, List<String>> NAMES = Map.of(
            "quay.io", List.of(PUBLIC_V4),
            "public6.example.net", List.of(PUBLIC_V6),
            "private.example.net", List.of("10.20.30.40"),
            "metadata.example.net", List.of("169.254.169.254"),
            "mixed.example.net", List.of(PUBLIC_V4, "192.168.1.10"),
            "ula.example.net", List.of(PUBLIC_V6, "fd00:ec2::254"),
            "nat64.example.net", List.of("64:ff9b::a9fe:a9fe"),
            "pod.example.net", List.of("45.45.1.2"),
            "mirror.example.net", List.of("10.99.0.8"));

    @Override
    public List<InetAddress> resolve(String name) throws UnknownHostException {
        if (Context.isOnEventLoopThread()) {
            throw new AssertionError("host name looked up on an event-loop thread: " + Thread.currentThread().getName());
        }
        List<String> addresses = name.equals("example.org") || name.endsWith(".example.org") || name.endsWith(".example.com")
                ? List.of(PUBLIC_V4) : NAMES.get(name);
        if (addresses == null) {
            throw new UnknownHostException(name);
        }
        List<InetAddress> resolved = new ArrayList<>();
        for (String a : addresses) {
            resolved.add(InetAddress.getByAddress(name, ImportHosts.literal(a).getAddress()));
        }
        return resolved;
    }
}
