package io.nuage.storage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Looks a host name up as the system resolver does (hosts file, search domains, DNS): every address, IPv4 and IPv6.
 * It blocks: call it on a worker thread, never on an event loop. Tests replace it to need no network.
 */
@ApplicationScoped
public class HostResolver {

    public List<InetAddress> resolve(String name) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(name));
    }
}
