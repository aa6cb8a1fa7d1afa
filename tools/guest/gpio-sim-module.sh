#!/usr/bin/env bash
# Builds (or finds in the cache) gpio-sim for the guest kernel: Debian's 6.1 kernels build neither
# CONFIG_GPIO_SIM nor CONFIG_IRQ_SIM, so drivers/gpio/gpio-sim.c and kernel/irq/irq_sim.c are
# compiled out of tree, as ONE module (gpio-sim-irq4j.ko), against the headers of the guest's
# kernel package, from the linux-source-6.1 package of the same version.
#
# Usage: tools/guest/gpio-sim-module.sh KERNEL_PACKAGE VERSION
#   e.g.  tools/guest/gpio-sim-module.sh linux-image-6.1.0-50-amd64 6.1.176-1
# Prints the folder holding gpio-sim-irq4j.ko on stdout. Cached in
# ${XDG_CACHE_HOME:-~/.cache}/irq4j/gpio-sim/KEY (KEY = kernel release, version, digest of this
# script); the downloaded packages are kept beside it so that a rebuild does not fetch them again.
#
# Why out of tree and not a whole guest kernel with CONFIG_GPIO_SIM=y: this build took 22 s cold
# on two shared cores (downloads, taking four files out of the source tarball, compiling); a
# kernel build from linux-source-6.1 was not measured but compiles thousands of files where this
# compiles two, and the guest keeps Debian's own kernel and modules (UIO, VFIO, 9p) unchanged.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
say() { printf 'gpio-sim: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }
[ $# -eq 2 ] || die "usage: $0 KERNEL_PACKAGE VERSION (e.g. linux-image-6.1.0-50-amd64 6.1.176-1)"
KPKG=$1 KVER=$2
KREL=${KPKG#linux-image-}
case "$KREL" in
  6.1.0-*-amd64) ;;
  *) die "kernel package '$KPKG' (expected linux-image-6.1.0-N-amd64: the patch below is for 6.1)" ;;
esac
KCOMMON=${KREL%-amd64}-common
for tool in apt-get dpkg make gcc tar xz sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "missing tool '$tool' (Debian packages apt, dpkg, make, gcc, tar, xz-utils, coreutils)"
done

DIGEST=$(sha256sum < "$HERE/gpio-sim-module.sh" | cut -c1-12)
KEY="${KREL}_${KVER}_${DIGEST}"
KEY=${KEY//[:+~]/_}
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/irq4j/gpio-sim"
OUT="$CACHE/$KEY"
if [ -f "$OUT/gpio-sim-irq4j.ko" ]; then
  echo "$OUT"
  exit 0
fi

say "building gpio-sim-irq4j.ko for $KREL $KVER (once; cached in $OUT)"
DEBS="$CACHE/debs/$KVER"
mkdir -p "$DEBS"
PKGS=("linux-headers-$KREL" "linux-headers-$KCOMMON" "linux-kbuild-6.1" "linux-source-6.1")
for p in "${PKGS[@]}"; do
  ls "$DEBS/${p}_"*.deb >/dev/null 2>&1 && continue
  (cd "$DEBS" && apt-get download "$p=$KVER" > "$DEBS/apt.log" 2>&1) \
    || { cat "$DEBS/apt.log" >&2; die "apt-get download $p=$KVER failed (apt-get update? a Debian bookworm source with $KVER is needed)"; }
done

TMP=$(mktemp -d "$CACHE/.build.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
for p in "${PKGS[@]}"; do dpkg -x "$DEBS/${p}_"*.deb "$TMP/root"; done
HDR="$TMP/root/usr/src/linux-headers-$KREL"
[ -f "$HDR/Makefile" ] || die "linux-headers-$KREL has no usr/src/linux-headers-$KREL/Makefile"
# The arch headers' Makefile includes the common headers by absolute path; point it at this copy.
sed -i "s|include /usr/src/linux-headers-$KCOMMON/Makefile|include $TMP/root/usr/src/linux-headers-$KCOMMON/Makefile|" "$HDR/Makefile"
grep -q "include $TMP/root/usr/src/linux-headers-$KCOMMON/Makefile" "$HDR/Makefile" \
  || die "unexpected $HDR/Makefile: it does not include /usr/src/linux-headers-$KCOMMON/Makefile"
# The common headers' scripts/ and tools/ are symlinks to linux-kbuild-6.1's absolute paths.
for l in "$TMP/root/usr/src/linux-headers-$KCOMMON"/{scripts,tools} "$HDR"/{scripts,tools}; do
  if [ -L "$l" ]; then
    target=$(readlink "$l")
    case "$target" in /*) ln -sfn "$TMP/root$target" "$l" ;; esac
  fi
done

SRC="$TMP/src"
mkdir -p "$SRC/include/linux"
MEMBERS=(linux-source-6.1/drivers/gpio/gpio-sim.c linux-source-6.1/drivers/gpio/gpiolib.h
  linux-source-6.1/kernel/irq/irq_sim.c linux-source-6.1/include/linux/irq_sim.h)
tar -xJf "$TMP/root/usr/src/linux-source-6.1.tar.xz" -C "$TMP" "${MEMBERS[@]}" \
  || die "linux-source-6.1.tar.xz lacks one of ${MEMBERS[*]}"
cp "$TMP/linux-source-6.1/drivers/gpio/gpio-sim.c" "$TMP/linux-source-6.1/drivers/gpio/gpiolib.h" \
  "$TMP/linux-source-6.1/kernel/irq/irq_sim.c" "$SRC/"
cp "$TMP/linux-source-6.1/include/linux/irq_sim.h" "$SRC/include/linux/"
# 6.1 does not export irq_to_desc, so modpost rejects irq_sim's handle_simple_irq(irq_to_desc(irq)).
# generic_handle_irq is exported and runs the flow handler set on the mapping, which irq_sim's
# domain map sets to handle_simple_irq: the same call, through an exported function.
grep -q 'handle_simple_irq(irq_to_desc(irqnum));' "$SRC/irq_sim.c" \
  || die "irq_sim.c of $KVER no longer calls handle_simple_irq(irq_to_desc(irqnum)); revisit the patch"
sed -i 's/handle_simple_irq(irq_to_desc(irqnum));/generic_handle_irq(irqnum);/' "$SRC/irq_sim.c"
cat > "$SRC/Kbuild" <<'EOF'
obj-m := gpio-sim-irq4j.o
gpio-sim-irq4j-objs := gpio-sim.o irq_sim.o
ccflags-y := -I$(src)/include
EOF
make -s -C "$HDR" M="$SRC" modules > "$TMP/make.log" 2>&1 \
  || { tail -30 "$TMP/make.log" >&2; die "make modules against linux-headers-$KREL failed (log above)"; }
[ -f "$SRC/gpio-sim-irq4j.ko" ] || die "make succeeded but left no gpio-sim-irq4j.ko"
mkdir -p "$OUT"
cp "$SRC/gpio-sim-irq4j.ko" "$OUT/"
say "gpio-sim-irq4j.ko ready for $KREL $KVER"
echo "$OUT"
