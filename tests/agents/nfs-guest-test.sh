#!/bin/sh
# Runs INSIDE the qemu guest of nfsmount-guest.sh (its kernel has an NFS
# client): drives the nfsmount agent against the host's nfs-ganesha and
# reports each check on the serial console as
#   VAG-CHECK rc=<got> want=<want> <description>
# followed by VAG-OUT lines of output for a mismatch. "VAG-KILL-SERVER"
# asks the host to kill the NFS server; "VAG-DONE" ends the run.
A=/usr/lib/ocf/resource.d/vigil/nfsmount
export OCF_ROOT=/usr/lib/ocf HA_RSCTMP=/run/rsctmp OCF_RESOURCE_INSTANCE=nfs1
export OCF_RESKEY_device=10.84.0.1:/export OCF_RESKEY_directory=/mnt/nfs
export OCF_RESKEY_fstype=nfs4
export OCF_RESKEY_options=vers=4.1,addr=10.84.0.1,clientaddr=10.84.0.2,timeo=20
export OCF_RESKEY_CRM_meta_timeout=20000
export OCF_RESKEY_CRM_meta_on_node=guest
mkdir -p "$HA_RSCTMP"
echo "VAG-INFO kernel $(uname -r)"

t() {
	want=$1
	desc=$2
	shift 2
	"$@" >/tmp/out 2>&1
	rc=$?
	echo "VAG-CHECK rc=$rc want=$want $desc"
	[ "$rc" = "$want" ] || sed 's/^/VAG-OUT /' /tmp/out
}
yes_no() {
	if "$@"; then echo 0; else echo 1; fi
}
alive() {
	[ -r "/proc/$1/stat" ] || return 1
	s=$(sed 's/.*) //' "/proc/$1/stat" | cut -c1)
	[ "$s" != Z ]
}
mounted() { grep -q " /mnt/nfs nfs" /proc/mounts; }

t 0 "validate-all (kernel has nfs4)" $A validate-all
env -u OCF_RESOURCE_INSTANCE ocf-tester -n nfst -o device=10.84.0.1:/export -o directory=/mnt/tester \
	-o "options=$OCF_RESKEY_options" $A >/tmp/tester 2>&1
echo "VAG-CHECK rc=$? want=0 ocf-tester nfsmount"
sed 's/^/VAG-OUT /' /tmp/tester
t 0 "ocf-tester passed all tests" grep -q "passed all tests" /tmp/tester
t 1 "ocf-tester left nothing mounted" grep -q " /mnt/tester " /proc/mounts
t 7 "probe with every binary missing" env OCF_TESTER_FAIL_HAVE_BINARY=1 OCF_RESKEY_CRM_meta_interval=0 $A monitor
t 7 "monitor before start" $A monitor
t 0 "start" $A start
t 0 "start again (idempotent)" $A start
t 0 "mounted as nfs4" mounted
t 0 "monitor depth 0" $A monitor
t 0 "monitor depth 20" env OCF_CHECK_LEVEL=20 $A monitor
i=0
while [ $i -lt 20 ]; do echo "guest file $i" >/mnt/nfs/g$i; i=$((i + 1)); done
sync
# shellcheck disable=SC2016 # the loop is for the inner shell
t 0 "20 files written and read back" sh -c 'i=0; while [ $i -lt 20 ]; do [ "$(cat /mnt/nfs/g$i)" = "guest file $i" ] || exit 1; i=$((i + 1)); done'
t 0 "the host's file is visible" grep -q from-the-host /mnt/nfs/host.txt
t 0 "stop" $A stop
t 1 "unmounted after stop" mounted
t 7 "monitor after stop" $A monitor
t 0 "stop again (idempotent)" $A stop

t 0 "start for the busy stop" $A start
sh -c 'exec 3</mnt/nfs/g1; exec sleep 600' &
holder=$!
(cd /mnt/nfs && exec sleep 600) &
cwd=$!
sleep 1
t0=$(date +%s)
t 0 "stop while a process holds a file open and another works in it" $A stop
echo "VAG-INFO busy stop took $(($(date +%s) - t0)) s"
sed 's/^/VAG-INFO /' /tmp/out
t 1 "unmounted after the busy stop" mounted
sleep 0.5
t 1 "the file holder was killed" alive $holder
t 1 "the process working in the mount was killed" alive $cwd

t 0 "start before the server dies" $A start
t 0 "monitor depth 20 before the server dies" env OCF_CHECK_LEVEL=20 $A monitor
echo VAG-KILL-SERVER
# The host kills ganesha as soon as it reads the line above.
sleep 3
t0=$(date +%s)
t 1 "monitor depth 20 with the server dead (status_timeout 5 s)" env OCF_CHECK_LEVEL=20 OCF_RESKEY_status_timeout=5 $A monitor
t1=$(date +%s)
t 0 "...returned within 10 s ($((t1 - t0)) s)" test $((t1 - t0)) -le 10
t0=$(date +%s)
t 0 "stop with the server dead" $A stop
t1=$(date +%s)
t 0 "...within the 20 s op timeout ($((t1 - t0)) s)" test $((t1 - t0)) -lt 20
t 1 "unmounted after the dead-server stop" mounted
echo VAG-DONE
