#!/usr/bin/env bash
# Builds (or finds in the cache) the irq4j test guest: a Debian bookworm kernel and a busybox
# initramfs holding the UIO, VFIO, virtio and 9p modules. Prints the guest's folder (holding
# vmlinuz and initramfs.cpio.gz) on stdout. The cache lives outside the repository, in
# ${XDG_CACHE_HOME:-~/.cache}/irq4j/guest/KEY, KEY = kernel package version, busybox version
# and a digest of this script and the guest's init. Other keys are left alone: checkouts of other
# versions share the cache (about 10 MB a key).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
say() { printf 'guest: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }

# The modules the guest loads (their dependencies come from modules.dep), with insmod arguments.
MODULES=(
  "virtio_pci" "9pnet_virtio" "9p"
  "uio_pci_generic"
  "vfio_iommu_type1" "vfio-pci"
  "configfs"
)

for tool in apt-get apt-cache dpkg dpkg-query gzip sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "missing tool '$tool' (Debian packages apt, dpkg, gzip, coreutils)"
done
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed' \
  || die "missing Debian package busybox-static (apt-get install busybox-static; it is in tools/debian-packages.txt)"
BUSYBOX=/bin/busybox
[ -x "$BUSYBOX" ] || die "busybox-static is installed but $BUSYBOX is missing"

# The kernel: the version the linux-image-amd64 metapackage depends on (the newest 6.1 build apt offers).
KPKG=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-6\.1\.0-[0-9]*-amd64\)$/\1/p' | head -1)
[ -n "$KPKG" ] || KPKG=$(apt-cache pkgnames linux-image-6.1.0- 2>/dev/null | grep -E '^linux-image-6\.1\.0-[0-9]+-amd64$' | sort -V | tail -1)
[ -n "$KPKG" ] || die "apt offers no linux-image-6.1.0-*-amd64 package (run apt-get update; a Debian bookworm source is needed)"
KVER=$(apt-cache policy "$KPKG" | sed -n 's/^ *Candidate: //p')
[ -n "$KVER" ] && [ "$KVER" != "(none)" ] || die "no candidate version of $KPKG (apt-get update?)"
BBVER=$(dpkg-query -W -f='${Version}' busybox-static)
DIGEST=$(cat "$HERE/build.sh" "$HERE/init" "$HERE/gpio-sim-module.sh" | sha256sum | cut -c1-12)
KEY="${KPKG#linux-image-}_${KVER}_busybox-${BBVER}_${DIGEST}"
KEY=${KEY//[:+~]/_}
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/irq4j/guest"
OUT="$CACHE/$KEY"
if [ -f "$OUT/initramfs.cpio.gz" ] && [ -f "$OUT/vmlinuz" ]; then
  echo "$OUT"
  exit 0
fi

say "building the guest $KEY (once; cached in $OUT)"
mkdir -p "$CACHE"
TMP=$(mktemp -d "$CACHE/.build.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && apt-get download "$KPKG=$KVER" >"$TMP/apt.log" 2>&1) \
  || { cat "$TMP/apt.log" >&2; die "apt-get download $KPKG=$KVER failed"; }
dpkg -x "$TMP"/linux-image-*.deb "$TMP/k"
KREL=${KPKG#linux-image-}
MODDIR="$TMP/k/lib/modules/$KREL"
[ -f "$TMP/k/boot/vmlinuz-$KREL" ] || die "$KPKG has no /boot/vmlinuz-$KREL"
# The package ships no modules.dep (depmod runs at install time): busybox's depmod writes one.
"$BUSYBOX" depmod -b "$TMP/k" "$KREL" || die "busybox depmod failed for $KREL"

# Dependency order: each module after everything modules.dep says it needs (depth first).
declare -A DEP PATHOF DONE
while IFS= read -r line; do
  mod=${line%%:*}; deps=${line#*:}
  name=$(basename "$mod" .ko); name=${name//-/_}
  PATHOF[$name]=$mod; DEP[$name]=$deps
done < "$MODDIR/modules.dep"
ORDER=()
visit() {
  local name=${1//-/_} d
  [ -n "${DONE[$name]:-}" ] && return 0
  [ -n "${PATHOF[$name]:-}" ] || die "module $1 is not in $KPKG (modules.dep)"
  DONE[$name]=1
  for d in ${DEP[$name]}; do visit "$(basename "$d" .ko)"; done
  ORDER+=("${PATHOF[$name]}")
}
for m in "${MODULES[@]}"; do visit "$m"; done

R="$TMP/root"
mkdir -p "$R/bin" "$R/modules" "$R/dev"
cp "$BUSYBOX" "$R/bin/busybox"
for a in $("$BUSYBOX" --list); do [ "$a" = busybox ] || ln -s busybox "$R/bin/$a"; done
: > "$R/modules/load-order"
for p in "${ORDER[@]}"; do
  cp "$MODDIR/$p" "$R/modules/"
  echo "$(basename "$p")" >> "$R/modules/load-order"
done
# gpio-sim, built out of tree for this kernel (tools/guest/gpio-sim-module.sh), after configfs.
GPIOSIM=$("$HERE/gpio-sim-module.sh" "$KPKG" "$KVER") || die "building gpio-sim for $KPKG $KVER failed"
cp "$GPIOSIM/gpio-sim-irq4j.ko" "$R/modules/"
echo gpio-sim-irq4j.ko >> "$R/modules/load-order"
ORDER+=(gpio-sim-irq4j.ko)
cp "$HERE/init" "$R/init"
chmod +x "$R/init"
(cd "$R" && find . | "$BUSYBOX" cpio -o -H newc 2>/dev/null | gzip -1) > "$TMP/initramfs.cpio.gz"
cp "$TMP/k/boot/vmlinuz-$KREL" "$TMP/vmlinuz"
mkdir -p "$OUT"
mv "$TMP/vmlinuz" "$TMP/initramfs.cpio.gz" "$OUT/"
printf '%s\n' "${ORDER[@]##*/}" > "$OUT/modules.txt"
say "guest ready: $KPKG $KVER, $(wc -l < "$OUT/modules.txt") modules"
echo "$OUT"
