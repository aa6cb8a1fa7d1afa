#!/usr/bin/env bash
# Boots the irq4j test guest under QEMU (TCG) with edu devices and runs WORK/job.sh in it.
# Usage: tools/guest/run.sh GUEST_DIR WORK_DIR TIMEOUT_SECONDS [EDU_DEVICES]
#   GUEST_DIR  what build.sh printed (vmlinuz, initramfs.cpio.gz)
#   WORK_DIR   a writable folder holding job.sh; the guest sees it as /tmp/work, inside a chroot of
#              the host's root (shared read-only), and leaves there job.out, guest.env, dmesg*.txt
#   EDU_DEVICES  how many edu devices (default 3: the first is bound to uio_pci_generic, the
#              others to vfio-pci)
#   IRQ4J_QEMU   the QEMU binary (default qemu-system-x86_64 on PATH); IRQ4J_GUEST_CPUS (default 1: on 2 shared host cores one vCPU ran the tests in 24-32 s, two vCPUs in 39-45 s)
# Writes the serial console to WORK_DIR/console.log. Exits with the job's status; 124 and the name
# of the step that hung if the time limit passed (QEMU is killed).
set -euo pipefail
say() { printf 'guest: %s\n' "$*" >&2; }
[ $# -ge 3 ] || { say "usage: $0 GUEST_DIR WORK_DIR TIMEOUT_SECONDS [EDU_DEVICES]"; exit 2; }
GUEST=$1 WORK=$2 LIMIT=$3 EDUS=${4:-3}
QEMU=$(command -v "${IRQ4J_QEMU:-qemu-system-x86_64}" || true)
[ -n "$QEMU" ] || { say "missing ${IRQ4J_QEMU:-qemu-system-x86_64}: install the Debian package qemu-system-x86 (it is in tools/debian-packages.txt)"; exit 2; }
[ -f "$WORK/job.sh" ] || { say "$WORK/job.sh is missing"; exit 2; }
devices=()
for ((i = 0; i < EDUS; i++)); do devices+=(-device edu); done
LOG="$WORK/console.log"
rc=0
# q35 + intel-iommu: vfio-pci needs an IOMMU (Debian's kernel has no VFIO no-IOMMU mode);
# intremap=on gives the guest interrupt remapping, which vfio_iommu_type1 wants for MSI.
timeout --kill-after=5 "$LIMIT" "$QEMU" -accel tcg -cpu max -machine q35,kernel-irqchip=split -smp "${IRQ4J_GUEST_CPUS:-1}" -m 2048 \
  -device intel-iommu,intremap=on \
  "${devices[@]}" \
  -kernel "$GUEST/vmlinuz" -initrd "$GUEST/initramfs.cpio.gz" \
  -append "console=ttyS0 intel_iommu=on iommu=pt no_timer_check rdinit=/init panic=-1 quiet loglevel=4" \
  -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
  -virtfs "local,path=$WORK,mount_tag=work,security_model=none" \
  -nographic -no-reboot -nodefaults -serial stdio -monitor none </dev/null >"$LOG" 2>&1 || rc=$?
last=$(grep -a '^IRQ4J-STEP: ' "$LOG" | tail -1 | cut -d' ' -f2- || true)
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
  say "the guest did not finish within ${LIMIT}s; QEMU was killed; the last step it reached: ${last:-none (the kernel did not start /init)}; console: $LOG"
  exit 124
fi
failed=$(grep -a '^IRQ4J-FAIL: ' "$LOG" | head -1 | cut -d' ' -f2- || true)
if [ -n "$failed" ]; then
  say "the guest failed at step '$last': $failed; console: $LOG"
  exit 3
fi
exit_line=$(grep -a "^IRQ4J-EXIT: " "$LOG" | tail -1 | sed "s/^IRQ4J-EXIT: \([0-9]*\).*/\1/" || true)
if [ -z "$exit_line" ]; then
  say "QEMU ended (status $rc) before the job finished; last step: ${last:-none}; console: $LOG"
  tail -20 "$LOG" >&2
  exit 3
fi
exit "$exit_line"
