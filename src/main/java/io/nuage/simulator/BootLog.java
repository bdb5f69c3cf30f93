package io.nuage.simulator;

import java.util.List;

/** What a Fedora Cloud guest writes to its serial console while it boots, up to its login prompt. */
final class BootLog {

    private BootLog() {
    }

    static List<String> of(String hostname) {
        return List.of(
                "SeaBIOS (version 1.16.3-2.el9)",
                "Machine UUID 8c1e6f5a-4b1d-5d3e-9a47-0d2c7e61b3f4",
                "Booting from Hard Disk...",
                "GRUB loading.",
                "Welcome to GRUB!",
                "  Booting `Fedora Linux (6.11.4-301.fc41.x86_64) 41 (Cloud Edition)'",
                "[    0.000000] Linux version 6.11.4-301.fc41.x86_64 (mockbuild@koji.fedoraproject.org) (gcc (GCC) 14.2.1) #1 SMP PREEMPT_DYNAMIC",
                "[    0.000000] Command line: BOOT_IMAGE=(hd0,gpt3)/vmlinuz-6.11.4-301.fc41.x86_64 root=UUID=4f6e0c2b no_timer_check console=tty1 console=ttyS0,115200n8",
                "[    0.000000] BIOS-provided physical RAM map:",
                "[    0.000000] Hypervisor detected: KVM",
                "[    0.012412] ACPI: Early table checksum verification disabled",
                "[    0.318204] Serial: 8250/16550 driver, 32 ports, IRQ sharing enabled",
                "[    0.321907] 00:05: ttyS0 at I/O 0x3f8 (irq = 4, base_baud = 115200) is a 16550A",
                "[    0.842155] virtio_blk virtio2: [vda] 10485760 512-byte logical blocks (5.37 GB/5.00 GiB)",
                "[    1.204838] EXT4-fs (vda3): mounted filesystem with ordered data mode.",
                "[    1.512090] systemd[1]: systemd 256.7-1.fc41 running in system mode",
                "[    1.523611] systemd[1]: Detected virtualization kvm.",
                "[    1.524002] systemd[1]: Detected architecture x86-64.",
                "[  OK  ] Reached target local-fs.target - Local File Systems.",
                "[  OK  ] Started systemd-journald.service - Journal Service.",
                "[  OK  ] Started systemd-udevd.service - Rule-based Manager for Device Events and Files.",
                "         Starting cloud-init-local.service - Cloud-init: Local Stage (pre-network)...",
                "[    3.118731] cloud-init[602]: Cloud-init v. 24.2-1.fc41 running 'init-local'. Up 3.09 seconds.",
                "[  OK  ] Finished cloud-init-local.service - Cloud-init: Local Stage (pre-network).",
                "[  OK  ] Reached target network-pre.target - Preparation for Network.",
                "         Starting NetworkManager.service - Network Manager...",
                "[  OK  ] Started NetworkManager.service - Network Manager.",
                "[  OK  ] Reached target network-online.target - Network is Online.",
                "         Starting cloud-init.service - Cloud-init: Network Stage...",
                "[    4.876020] cloud-init[712]: Cloud-init v. 24.2-1.fc41 running 'init'. Up 4.85 seconds.",
                "[    4.903311] cloud-init[712]: ci-info: +++++++++++++++++++++++Net device info+++++++++++++++++++++++",
                "[    4.903644] cloud-init[712]: ci-info: | eth0 | True | 10.0.2.2 | 255.255.255.0 | global |",
                "[  OK  ] Finished cloud-init.service - Cloud-init: Network Stage.",
                "[  OK  ] Started sshd.service - OpenSSH server daemon.",
                "[  OK  ] Reached target multi-user.target - Multi-User System.",
                "[    6.240157] cloud-init[801]: Cloud-init v. 24.2-1.fc41 running 'modules:final'. Up 6.21 seconds.",
                "[    6.261398] cloud-init[801]: Cloud-init v. 24.2-1.fc41 finished. Datasource DataSourceNoCloud [seed=/dev/vdb]. Up 6.25 seconds",
                "",
                "Fedora Linux 41 (Cloud Edition)",
                "Kernel 6.11.4-301.fc41.x86_64 on an x86_64 (ttyS0)",
                "",
                hostname + " login: ");
    }
}
