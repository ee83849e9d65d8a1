#!/bin/sh
# nfsmount for real. The host kernel has no NFS client, so the agent runs
# in a small qemu guest (software emulation) whose Debian kernel has one:
# the test serves an export with nfs-ganesha in a namespace, boots the
# guest on a tap device in that namespace with an initramfs built here
# (busybox-static, the NFS and virtio modules, the agent, resource-agents'
# ocf-shellfuncs and ocf-tester), and reads the guest's checks
# (nfs-guest-test.sh) from its serial console: ocf-tester, start, monitor
# depth 0 and 20, stop, a stop while processes use the mount, and, after the
# test kills ganesha, a depth-20 monitor that fails within its deadline and
# a stop that still unmounts.
#
# The kernel package is fetched once with `apt-get download` into
# /var/cache/vigil-tests and only extracted, never installed.
. "$(dirname "$0")/lib.sh"
need qemu-system-x86_64 ganesha.nfsd busybox cpio dpkg-deb apt-get apt-cache python3
[ -c /dev/net/tun ] || die "/dev/net/tun missing"

CACHE=/var/cache/vigil-tests
kernel_pkg() {
	apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/.*Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n 1
}
KPKG=$(kernel_pkg)
# Package lists may be missing or stale on a machine that had everything
# installed already; refresh them once.
if [ -z "$KPKG" ] || ! apt-cache show "$KPKG" >/dev/null 2>&1; then
	apt-get update >/dev/null 2>&1
	KPKG=$(kernel_pkg)
fi
[ -n "$KPKG" ] || die "cannot tell which kernel package linux-image-amd64 names (apt-get update?)"
KVER=${KPKG#linux-image-}
BASE="$CACHE/nfs-guest-$KVER"

# The guest kernel and its modules, built once per kernel version.
if [ ! -s "$BASE/modules.cpio" ] || [ ! -s "$BASE/vmlinuz" ]; then
	note "preparing guest kernel $KVER (download, extract, module list)"
	mkdir -p "$CACHE"
	deb=$(find "$CACHE" -maxdepth 1 -name "${KPKG}_*.deb" | head -n 1)
	if [ -z "$deb" ]; then
		(cd "$CACHE" && { apt-get download "$KPKG" || { apt-get update && apt-get download "$KPKG"; }; }) >/dev/null 2>&1 ||
			die "apt-get download $KPKG failed"
		deb=$(find "$CACHE" -maxdepth 1 -name "${KPKG}_*.deb" | head -n 1)
	fi
	x="$W/kx"
	mkdir -p "$x" "$W/kmods/modules"
	dpkg-deb -x "$deb" "$x" || die "cannot extract $deb"
	busybox depmod -b "$x" "$KVER" || die "depmod failed"
	# Load order: dependencies first.
	python3 - "$x/lib/modules/$KVER" "$W/kmods" virtio_pci virtio_net nfsv4 <<'EOF' || die "module resolution failed"
import os, shutil, sys
moddir, out, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]
deps = {}
with open(os.path.join(moddir, "modules.dep")) as f:
    for line in f:
        path, _, rest = line.partition(":")
        deps[path.strip()] = rest.split()
byname = {os.path.basename(p)[:-3].replace("-", "_"): p for p in deps}
order = []
def visit(p):
    if p in order:
        return
    for d in deps[p]:
        visit(d)
    order.append(p)
for w in wanted:
    visit(byname[w])
with open(os.path.join(out, "modules.list"), "w") as f:
    for p in order:
        shutil.copy(os.path.join(moddir, p), os.path.join(out, "modules"))
        f.write(os.path.basename(p) + "\n")
EOF
	mkdir -p "$BASE"
	(cd "$W/kmods" && find . | busybox cpio -o -H newc) >"$BASE/modules.cpio.tmp" 2>/dev/null || die "cpio of modules failed"
	cp "$x/boot/vmlinuz-$KVER" "$BASE/vmlinuz.tmp"
	mv "$BASE/modules.cpio.tmp" "$BASE/modules.cpio"
	mv "$BASE/vmlinuz.tmp" "$BASE/vmlinuz"
	rm -rf "$x" "$W/kmods" "$deb"
fi
note "guest kernel $KVER, modules: $(cpio -t <"$BASE/modules.cpio" 2>/dev/null | grep -c '\.ko$')"

# The guest's userland: busybox, the agent with its helpers and
# ocf-shellfuncs, and resource-agents' ocf-tester with xmllint (and their
# libraries) to run it there.
R="$W/root"
mkdir -p "$R/bin" "$R/usr/bin" "$R/usr/sbin" "$R/etc" "$R/usr/lib/ocf/resource.d/vigil" "$R/usr/lib/ocf/lib/vigil" \
	"$R/usr/lib/ocf/lib/heartbeat" "$R/usr/share/resource-agents" "$R/lib64" "$R/lib/x86_64-linux-gnu" "$R/mnt/nfs"
cp "$(command -v busybox)" "$R/bin/busybox"
cp "$SRC/agents/ocf/nfsmount" "$R/usr/lib/ocf/resource.d/vigil/"
cp "$SRC/agents/lib/vigil-common.sh" "$SRC/agents/lib/vigil-mount.sh" "$R/usr/lib/ocf/lib/vigil/"
for f in ocf-shellfuncs ocf-binaries ocf-returncodes ocf-directories ocf-rarun ocf-distro; do
	cp "/usr/lib/ocf/lib/heartbeat/$f" "$R/usr/lib/ocf/lib/heartbeat/"
done
cp /usr/sbin/ocf-tester "$R/usr/sbin/"
cp /usr/share/resource-agents/ra-api-1.dtd "$R/usr/share/resource-agents/"
cp /usr/bin/xmllint "$R/usr/bin/"
for lib in $(ldd /usr/bin/xmllint | grep -o '/[^ ]*'); do
	case $lib in
	/lib64/*) cp "$lib" "$R/lib64/" ;;
	*) cp "$lib" "$R/lib/x86_64-linux-gnu/" ;;
	esac
done
printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' >"$R/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$R/etc/group"
cp "$SRC/tests/agents/nfs-guest-test.sh" "$R/nfs-guest-test.sh"
cat >"$R/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox mkdir -p /proc /sys /dev /tmp /run /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
export PATH=/usr/local/bin:/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
for m in $(cat /modules.list); do insmod "/modules/$m" || echo "VAG-INFO insmod $m failed"; done
ip link set lo up
ip link set eth0 up
ip addr add 10.84.0.2/24 dev eth0
echo VAG-BOOTED
sh /nfs-guest-test.sh
sync
poweroff -f
EOF
chmod 755 "$R/init" "$R/nfs-guest-test.sh"
(cd "$R" && find . | busybox cpio -o -H newc) >"$W/root.cpio" 2>/dev/null || die "cpio of the guest root failed"
# The kernel unpacks concatenated archives one after the other.
cat "$BASE/modules.cpio" "$W/root.cpio" >"$W/initrd"

# The server: ganesha (NFSv4 only, so no rpcbind) in a namespace that also
# holds the guest's tap device.
NS=vag-$TAG-nfs
netns "$NS"
# ganesha creates /run/ganesha on the host.
[ -e /run/ganesha ] || on_exit "rm -rf /run/ganesha"
ip -n "$NS" tuntap add dev tap0 mode tap || die "cannot create tap0"
ip -n "$NS" link set tap0 up
ip -n "$NS" addr add 10.84.0.1/24 dev tap0
mkdir -p "$W/export" "$W/recov"
echo from-the-host >"$W/export/host.txt"
cat >"$W/ganesha.conf" <<EOF
NFS_CORE_PARAM {
	Protocols = 4;
	NFS_Port = 2049;
	Enable_NLM = false;
	Enable_RQUOTA = false;
}
NFSV4 {
	Graceless = true;
	RecoveryRoot = "$W/recov";
	Only_Numeric_Owners = true;
}
EXPORT {
	Export_Id = 1;
	Path = "$W/export";
	Pseudo = "/export";
	Access_Type = RW;
	Squash = No_Root_Squash;
	Protocols = 4;
	Transports = TCP;
	SecType = sys;
	FSAL { Name = VFS; }
}
EOF
# Not through the in_ns function: $! must be ganesha itself, not a subshell.
ip netns exec "$NS" ganesha.nfsd -F -f "$W/ganesha.conf" -L "$W/ganesha.log" -p "$W/ganesha.pid" &
ganesha=$!
listening() { in_ns "$NS" ss -ltn | grep -q ':2049 '; }
wait_for 20 listening || die "ganesha does not listen: $(tail -n 5 "$W/ganesha.log")"

note "booting the guest"
# Software emulation: /dev/kvm exists on these machines, but a KVM guest
# never gets to its init (nested virtualization lacks CPU features).
t0=$(now_ms)
: >"$W/console.log"
ip netns exec "$NS" timeout -s KILL 300 qemu-system-x86_64 -accel tcg -m 256 -smp 1 -nodefaults -no-reboot \
	-display none -serial "file:$W/console.log" \
	-kernel "$BASE/vmlinuz" -initrd "$W/initrd" -append "console=ttyS0 panic=-1 loglevel=3" \
	-netdev tap,id=n0,ifname=tap0,script=no,downscript=no \
	-device virtio-net-pci,netdev=n0,romfile= >"$W/qemu.out" 2>&1 &
qemu=$!
killed=no
while alive "$qemu"; do
	if [ "$killed" = no ] && grep -q VAG-KILL-SERVER "$W/console.log"; then
		kill -KILL "$ganesha"
		wait_for 5 eval "! alive $ganesha" || fail "ganesha survived SIGKILL"
		killed=yes
		note "ganesha killed at the guest's request ($(($(now_ms) - t0)) ms after boot)"
	fi
	sleep 0.2
done
wait "$qemu"
note "guest ran for $(($(now_ms) - t0)) ms"

# Serial lines end in CR LF.
tr -d '\r' <"$W/console.log" >"$W/console.txt"
grep -q VAG-BOOTED "$W/console.txt" || die "the guest did not boot: $(tail -n 20 "$W/console.log") $(cat "$W/qemu.out")"
sed -n 's/^VAG-INFO /    guest: /p' "$W/console.txt"
checks=0
while IFS= read -r line; do
	case $line in
	VAG-CHECK*)
		checks=$((checks + 1))
		rest=${line#VAG-CHECK rc=}
		got=${rest%% *}
		rest=${rest#* want=}
		want=${rest%% *}
		desc=${rest#* }
		if [ "$got" = "$want" ]; then ok "guest: $desc (rc $got)"; else fail "guest: $desc: rc $got, want $want"; fi
		;;
	VAG-OUT*) printf '    %s\n' "${line#VAG-OUT }" ;;
	esac
done <"$W/console.txt"
check "the guest ran all its checks ($checks)" grep -q VAG-DONE "$W/console.txt"
check "the depth-20 monitor's status file reached the server" sh -c "ls -a '$W/export' | grep -q '^.vigil-status-guest-nfs1$'"
check "the guest's files reached the server" test -f "$W/export/g19"
