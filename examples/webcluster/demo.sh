#!/bin/sh
# The demo: the seed's high-availability web cluster on this one machine,
# managed by Vigil. Installs the Debian packages Vigil needs, builds vigild
# and vigil into build/, brings up the namespace lab (three directors, three
# back ends, three Gluster servers, a client), the Gluster volumes, a
# dockerd per back end with the web image, corosync and vigild on the six
# cluster nodes, loads webcluster.crm and waits until vigild has started
# every resource. Then it shows the cluster and what to try.
#
# Usage (as root, from anywhere):
#   sh examples/webcluster/demo.sh          bring it up (again: a fresh one)
#   sh examples/webcluster/demo.sh down     tear it all down
# The cluster runs fenced: a lost node is powered off through the lab's power
# switch (fence_vigil_netns) before its resources move; quorum policy stop.
# Environment: VIGIL_WC_VARIANT=seed for the thesis' own choice instead
# (stonith:null, no-quorum-policy=ignore; see README.md), VIGIL_BUILD to use
# another build directory, VIGIL_LAB_PREFIX (default vw-) for the lab's names.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
export VIGIL_BUILD="${VIGIL_BUILD:-$REPO/build}"
export VIGIL_LAB_PREFIX="${VIGIL_LAB_PREFIX:-vw-}"
WC="$HERE/webcluster.sh"

if [ "$(id -u)" != 0 ]; then
    echo "demo: run as root (namespaces, mounts, packages)" >&2
    exit 1
fi

case ${1:-up} in
    down)
        sh "$WC" down
        echo "demo: torn down"
        exit 0
        ;;
    up) ;;
    *)
        echo "usage: demo.sh [up|down]" >&2
        exit 2
        ;;
esac

echo "demo: installing packages (scripts/install-deps.sh)"
sh "$REPO/scripts/install-deps.sh"

echo "demo: building vigild and vigil into $VIGIL_BUILD"
t0=$(date +%s)
cmake -S "$REPO" -B "$VIGIL_BUILD" -G Ninja >/dev/null
ninja -C "$VIGIL_BUILD" vigild vigil
echo "demo: build took $(($(date +%s) - t0)) s"

# webcluster.sh up starts from scratch (tearing down any earlier run) and
# removes everything again if it fails.
sh "$WC" up

VIP=192.168.1.200
VIGIL_WC_WORK_HINT=${VIGIL_WC_WORK:-/tmp/vigil-webcluster-${VIGIL_LAB_PREFIX%-}}
LAB="sh $REPO/tests/lab/lab.sh"
cat <<EOF

======================================================================
 The web cluster is up: $(cat "$VIGIL_WC_WORK_HINT/bringup-seconds" 2>/dev/null || echo '?') s from an empty lab to every resource
 started by vigild.
======================================================================
EOF
sh "$WC" status
cat <<EOF

lab.sh needs the lab's prefix in its environment first:

  export VIGIL_LAB_PREFIX=$VIGIL_LAB_PREFIX

Try it from the client namespace (192.168.1.50 on the external network):

  $LAB exec client curl http://$VIP/index.php               tcp mode: a different container each time
  $LAB exec client curl -i http://$VIP:8000/index.php       http mode: SERVERID cookie, X-Director header
  $LAB exec client curl 'http://$VIP/pi.php?n=100000'       numeric integration on a container
  $LAB exec client curl http://$VIP:90/imagen.html          a page with an image, on GlusterFS (also :9000)
  $LAB exec client curl -u admin:password 'http://$VIP:7000/haproxy?stats;csv'

The cluster, from any cluster node:

  sh $WC status
  sh $WC vigil standby1 configure show
  sh $WC placements

Failover scenarios (the thesis' chapter 4):

  $LAB power-off cluster1      the DC fences cluster1, grupo1 and HAProxy move to standby1
  $LAB power-off standby1      ... and to standby2 (with the back ends: 4 of 6 votes, quorate)
  $LAB power-on cluster1 && sh $WC boot cluster1     back to cluster1
  $LAB exec cluster2 docker stop cluster21p         HAProxy marks it DOWN, vigild's
                                                    monitor starts it again (about 10 s)
  $LAB power-off cluster4      its containers go DOWN in HAProxy, the site keeps answering
  grep -h fenc $VIGIL_WC_WORK_HINT/logs/*-vigild.log      who was fenced, by whom

  The whole scenarios as tests: ctest --test-dir $VIGIL_BUILD -L webcluster
  (or: sh $REPO/tests/webcluster/failover.sh $VIGIL_BUILD)

Tear down:  sh $HERE/demo.sh down
EOF
