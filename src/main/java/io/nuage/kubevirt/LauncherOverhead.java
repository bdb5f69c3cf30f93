package io.nuage.kubevirt;

/**
 * What each instance's virt-launcher pod requests beyond the guest's own vCPUs and memory,
 * allowed for in the tenant's ResourceQuota.
 *
 * <p>A ResourceQuota counts pod requests, and a launcher pod requests more than the guest:
 * KubeVirt adds its memory overhead (libvirt, QEMU, the launcher, page tables: roughly 200 to
 * 300 MiB for a small VM, growing slowly with vCPUs and guest memory) plus small requests of
 * the container-disk and helper containers. Without an allowance, a tenant whose quota matches
 * its instances exactly could not start the last one.
 *
 * @param cpuMillis per-instance CPU allowance, in millicores
 * @param memoryMib per-instance memory allowance, in MiB
 */
public record LauncherOverhead(int cpuMillis, int memoryMib) {

    /** Generous for VMs up to tens of GiB; the API's own quota check is the precise one. */
    public static final LauncherOverhead DEFAULT = new LauncherOverhead(200, 512);

    public LauncherOverhead {
        if (cpuMillis < 0 || memoryMib < 0) {
            throw new IllegalArgumentException("overhead must not be negative");
        }
    }
}
