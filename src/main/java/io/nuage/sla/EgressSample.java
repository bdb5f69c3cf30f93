package io.nuage.sla;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One sample of KubeVirt's {@code kubevirt_vmi_network_transmit_bytes_total}: the bytes a VMI's interface has sent
 * since the VMI started, as Prometheus read it at {@code at}.
 *
 * @param tenant the tenant whose namespace the VMI runs in
 * @param instance the VMI's name, which is its instance's
 */
public record EgressSample(String tenant, String instance, String iface, BigDecimal bytes, Instant at) {
}
