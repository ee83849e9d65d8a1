#!/bin/sh
# Installs everything Vigil needs to build, test and run its demo, from
# Debian's packages only. Both README commands and .ci/run call this; a
# package that cannot be installed is a hard failure. The package names
# live in scripts/packages/*.txt, one per line, grouped by what needs them.
set -eu
here=$(dirname "$0")

packages=$(cat "$here"/packages/*.txt | sed 's/#.*//' | tr -s ' \t' '\n' | sed '/^$/d' | sort -u)

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=""
for p in $packages; do
    installed "$p" || missing="$missing $p"
done

if [ -n "$missing" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    # shellcheck disable=SC2086 # word splitting of the package list is wanted
    apt-get install -y --no-install-recommends $missing
fi

for p in $packages; do
    if ! installed "$p"; then
        echo "install-deps: package '$p' is not installed" >&2
        exit 1
    fi
done
