#!/bin/sh
# Installs everything Vigil needs to build, test and run its demo, from
# Debian's packages only. Both README commands and .ci/run call this; a
# package that cannot be installed is a hard failure.
set -eu

packages="
build-essential cmake ninja-build ccache pkg-config clang-format shellcheck
libxml2-dev libxml2-utils libqb-dev libcpg-dev libquorum-dev libvotequorum-dev
libcmap-dev libcorosync-common-dev libfmt-dev catch2
corosync pacemaker-cli-utils resource-agents
haproxy socat iproute2 iputils-ping arping curl procps psmisc util-linux
python3
"

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $p"
done

if [ -n "$missing" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    # shellcheck disable=SC2086 # word splitting of the package list is wanted
    apt-get install -y --no-install-recommends $missing
fi

# Verify: every package must now be installed, or we fail loudly.
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        echo "install-deps: package '$p' is not installed" >&2
        exit 1
    fi
done
