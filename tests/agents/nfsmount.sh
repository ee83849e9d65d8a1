#!/bin/sh
# nfsmount agent on this host, whose kernel has no NFS client: parameter
# checks (6), the node check that reports the missing kernel client (5, or
# 7 from a probe), monitor and stop of an unmounted export. The real
# mounts are tested in a qemu guest by nfsmount-guest.sh.
. "$(dirname "$0")/lib.sh"

nm() {
	_op=$1
	shift
	env OCF_RESOURCE_INSTANCE=nm "$@" "$AG/nfsmount" "$_op"
}
D="OCF_RESKEY_directory=$W/mnt"

expect_rc 6 "neither device nor server/export" nm validate-all "$D"
expect_rc 6 "server without export" nm validate-all "$D" OCF_RESKEY_server=10.0.0.1
expect_rc 6 "device without a path" nm validate-all "$D" OCF_RESKEY_device=10.0.0.1
expect_rc 6 "unsupported fstype" nm validate-all "$D" OCF_RESKEY_device=10.0.0.1:/x OCF_RESKEY_fstype=cifs
expect_rc 6 "relative directory" nm validate-all OCF_RESKEY_directory=mnt OCF_RESKEY_device=10.0.0.1:/x
expect_rc 6 "status_timeout not a number" nm validate-all "$D" OCF_RESKEY_device=10.0.0.1:/x OCF_RESKEY_status_timeout=ten

if grep -qw nfs4 /proc/filesystems; then
	note "this kernel has an NFS client: the 'no client' checks do not apply"
	expect_rc 0 "validate-all" nm validate-all "$D" OCF_RESKEY_server=10.0.0.1 OCF_RESKEY_export=/x
else
	expect_rc 5 "no kernel NFS client: validate-all -> not installed" nm validate-all "$D" OCF_RESKEY_server=10.0.0.1 OCF_RESKEY_export=/x
	expect_rc 5 "no kernel NFS client: start -> not installed" nm start "$D" OCF_RESKEY_device=10.0.0.1:/x
	check "start did not create or mount anything" sh -c "! grep -q ' $W/mnt ' /proc/mounts"
fi
expect_rc 7 "probe of an unmounted export" nm monitor "$D" OCF_RESKEY_device=10.0.0.1:/x OCF_RESKEY_CRM_meta_interval=0
expect_rc 7 "monitor depth 20 of an unmounted export" nm monitor "$D" OCF_RESKEY_device=10.0.0.1:/x OCF_CHECK_LEVEL=20
expect_rc 0 "stop of an unmounted export" nm stop "$D" OCF_RESKEY_device=10.0.0.1:/x
# Something else mounted on the directory is not this resource.
mkdir -p "$W/mnt"
mount -t tmpfs tmpfs "$W/mnt"
on_exit "umount -l '$W/mnt'"
expect_rc 1 "monitor with another filesystem on the mount point" nm monitor "$D" OCF_RESKEY_device=10.0.0.1:/x
umount "$W/mnt"
