package io.nuage.kubevirt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * How an instance's guest gets the addresses Nuage assigned: the networks' attachment
 * definitions have no IPAM, so cloud-init configures each extra NIC statically from NoCloud
 * network data (netplan version 2). NICs are found by MAC address, since the guest's interface
 * names are unknown: Nuage fixes each NIC's MAC, derived from the instance id and the NIC's
 * position. Network data replaces cloud-init's default DHCP on the first NIC, so the pod
 * network NIC is listed too, with DHCP (KubeVirt's masquerade binding serves it).
 */
public final class InstanceNetworkData {

    /** Prefix of the VM interface and network names of the NICs on Nuage networks. */
    public static final String NIC_PREFIX = "net-";

    private InstanceNetworkData() {
    }

    /** The VM interface (and KubeVirt network) name of the NIC on {@code network}. */
    public static String interfaceName(String network) {
        return NIC_PREFIX + network;
    }

    /**
     * A locally administered unicast MAC (02:...), stable for the instance's NIC {@code index}
     * (0 is the pod network NIC). 40 random-looking bits: collisions on a network of at most a
     * few thousand hosts are vanishingly unlikely.
     */
    public static String macAddress(UUID instance, int index) {
        byte[] digest = sha256(instance + "/" + index);
        StringBuilder mac = new StringBuilder("02");
        for (int i = 0; i < 5; i++) {
            mac.append(':').append(HexFormat.of().toHexDigits(digest[i]));
        }
        return mac.toString();
    }

    /** The network-config for the instance, or null when it has no NIC on a Nuage network. */
    public static String networkData(DesiredInstance d) {
        if (d.nics().isEmpty()) {
            return null;
        }
        StringBuilder yaml = new StringBuilder("version: 2\nethernets:\n");
        yaml.append("  ").append(InstanceObjects.DEFAULT_NETWORK).append(":\n");
        match(yaml, macAddress(d.id(), 0));
        yaml.append("    dhcp4: true\n");
        List<DesiredNic> nics = d.nics();
        for (int i = 0; i < nics.size(); i++) {
            DesiredNic nic = nics.get(i);
            yaml.append("  ").append(interfaceName(nic.network())).append(":\n");
            match(yaml, macAddress(d.id(), i + 1));
            yaml.append("    dhcp4: false\n");
            yaml.append("    addresses:\n    - ").append(nic.ip()).append('/').append(nic.prefixLength()).append('\n');
            if (!nic.dnsServers().isEmpty()) {
                yaml.append("    nameservers:\n      addresses:\n");
                nic.dnsServers().forEach(s -> yaml.append("      - ").append(s).append('\n'));
            }
        }
        return yaml.toString();
    }

    private static void match(StringBuilder yaml, String mac) {
        yaml.append("    match:\n      macaddress: \"").append(mac).append("\"\n");
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
