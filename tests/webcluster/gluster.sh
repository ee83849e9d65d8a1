#!/bin/sh
# The thesis' chapter 4, Gluster tests on the lab: 100 files written to the
# replicated volume gv0 (through the mount vigild manages on cluster2)
# appear on all three bricks; 100 files written to the distributed volume
# gv1 are spread over the bricks (every file on exactly one, more than one
# brick used); gluster1 powered off -> gv0 still readable and writable from
# the back ends, the Gluster-backed pages still served through the VIP and
# the cluster's glustermount clone still started everywhere.
#
# Usage: gluster.sh BUILD_DIR   (as root)
#
# shellcheck disable=SC2016 # the single-quoted loops run inside the nodes
. "$(dirname "$0")/lib.sh"

wc_up
bricks() { echo "$VIGIL_LAB_STATE/disk/gluster$1/var-lib/bricks/$2"; }

note "100 files in gv0 (replica 3), written on cluster2"
t0=$(now_ms)
lab exec cluster2 sh -c 'mkdir -p /gluster/gfs-r/t100 && i=0 && while [ $i -lt 100 ]; do echo "file $i" >/gluster/gfs-r/t100/f$i; i=$((i + 1)); done' ||
    fail "writing 100 files to gv0"
echo "bench: 100 files written to gv0: $(($(now_ms) - t0)) ms"
for g in 1 2 3; do
    c=$(find "$(bricks "$g" gv0)/t100" -maxdepth 1 -name 'f*' 2>/dev/null | wc -l)
    check "gluster$g's gv0 brick holds all 100 files ($c)" test "$c" -eq 100
done
check "cluster3 reads them through its own mount" sh -c "[ \"\$(sh '$LAB' exec cluster3 sh -c 'cat /gluster/gfs-r/t100/f*' | wc -l)\" -eq 100 ]"

note "100 files in gv1 (distributed), written from gluster1"
# gv1 is not a cluster resource (the seed mounted it by hand): a FUSE mount
# in gluster1's own mount namespace, removed afterwards.
lab exec gluster1 sh -c 'mkdir -p /run/wc-gv1 && mount -t glusterfs -o log-file=/var/log/glusterfs/gv1-test.log localhost:/gv1 /run/wc-gv1 &&
    i=0 && while [ $i -lt 100 ]; do echo "file $i" >/run/wc-gv1/f$i; i=$((i + 1)); done; rc=$?; umount /run/wc-gv1; exit $rc' ||
    fail "writing 100 files to gv1"
total=0
used=0
counts=""
for g in 1 2 3; do
    c=$(find "$(bricks "$g" gv1)" -maxdepth 1 -name 'f*' 2>/dev/null | wc -l)
    counts="$counts $c"
    total=$((total + c))
    [ "$c" -gt 0 ] && used=$((used + 1))
done
echo "gv1 bricks hold:$counts"
check "the gv1 bricks hold the 100 files once between them ($total)" test "$total" -eq 100
check "the files are spread over more than one brick ($used bricks used)" test "$used" -ge 2

note "gluster1 powered off"
t0=$(now_ms)
lab power-off gluster1
good=0
i=0
while [ "$i" -lt 100 ]; do
    [ "$(lab exec cluster2 cat "/gluster/gfs-r/t100/f$i" 2>/dev/null)" = "file $i" ] && good=$((good + 1))
    i=$((i + 1))
done
echo "bench: gluster1 off to 100 files read back on cluster2: $(($(now_ms) - t0)) ms"
check "gv0: all 100 files read back correctly ($good)" test "$good" -eq 100
t0=$(now_ms)
if lab exec cluster3 sh -c 'mkdir -p /gluster/gfs-r/t200 && i=0 && while [ $i -lt 100 ]; do echo "file $i" >/gluster/gfs-r/t200/f$i || exit 1; i=$((i + 1)); done'; then
    ok "gv0: 100 more files written from cluster3"
else
    fail "gv0: writing with gluster1 off"
fi
echo "bench: 100 files written to gv0 with gluster1 off: $(($(now_ms) - t0)) ms"
for g in 2 3; do
    c=$(find "$(bricks "$g" gv0)/t200" -maxdepth 1 -name 'f*' 2>/dev/null | wc -l)
    check "gluster$g's brick got them ($c)" test "$c" -eq 100
done
good=0
for i in 1 2 3 4 5 6; do
    case $(answered_by "http://$VIP:90/index.php") in cluster?4p) good=$((good + 1)) ;; esac
done
check "the Gluster-backed pages (port 90) keep being served (6 of 6: $good)" test "$good" = 6
check "the image page too" sh -c "sh '$LAB' exec client curl -sf --max-time 5 -o /dev/null http://$VIP:9000/imagen.png"
sleep 25
check "the glustermount clone is still started on the three back ends" test "$(where gfs-r | sort | tr '\n' ' ')" = "cluster2 cluster3 cluster4 "
[ "$FAILS" = 0 ] && echo PASS
