#!/bin/sh
# CLI tests for vigil, run without a daemon through CIB_file.
# usage: run.sh CASE VIGIL_BINARY
# VIGIL_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing (review
# the diff before committing it).
set -eu

case_name=$1
VIGIL=$2
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=$HERE/data
GOLDEN=$HERE/golden
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vigil-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
# Failure times in the fixtures print in local time; pin it.
TZ=UTC
export TZ
unset VIGIL_SOCKET

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

need() {
    command -v "$1" >/dev/null 2>&1 || { echo "FAIL: required program '$1' is missing" >&2; exit 1; }
}

# Compares stdin with a golden file (or rewrites it).
golden() {
    cat >"$WORK/actual"
    if [ "${VIGIL_UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$WORK/actual" "$GOLDEN/$1"
        return 0
    fi
    if ! diff -u "$GOLDEN/$1" "$WORK/actual" >&2; then
        fail "output differs from golden/$1"
        # golden is mostly the end of a pipeline, a subshell whose $failures
        # is lost: the file carries the failure out.
        echo "$1" >>"$WORK/golden-failures"
    fi
}

# Runs vigil on $CIB_file, checks the exit code.
expect_rc() {
    want=$1
    shift
    set +e
    "$VIGIL" "$@" >"$WORK/out" 2>"$WORK/err"
    got=$?
    set -e
    if [ "$got" -ne "$want" ]; then
        fail "vigil $* exited $got, expected $want; stderr: $(cat "$WORK/err")"
    fi
}

verify_cib() {
    if ! crm_verify --xml-file "$CIB_file" >"$WORK/verify" 2>&1; then
        fail "crm_verify refused the CIB after: $1"
        cat "$WORK/verify" >&2
    fi
}

fresh_cib() {
    cp "$DATA/$1" "$WORK/cib.xml"
    CIB_file=$WORK/cib.xml
    export CIB_file
}

# Every changing command of the seed, each followed by crm_verify.
# shellcheck disable=SC2120 # set -- inside rebuilds the words of each line
seed_commands() {
    while IFS= read -r line; do
        case $line in '' | '#'*) continue ;; esac
        # shellcheck disable=SC2086 # the lines are word lists by design
        eval "set -- $line"
        expect_rc 0 "$@"
        verify_cib "vigil $line"
    done <"$HERE/seed-commands.txt"
}

normalize() {
    sed "s#$CIB_file#CIB_FILE#g"
}

case $case_name in
seed-build)
    need crm_verify
    fresh_cib empty-3node.xml
    seed_commands
    "$VIGIL" configure show | golden seed-configure.txt
    # The same text as the thesis' `crm configure show` (figure 53; its
    # "IPAddr2" is an OCR slip for the agent IPaddr2, corrected in the copy).
    "$VIGIL" configure show | diff -u "$DATA/seed-thesis-configure.txt" - >&2 ||
        fail "configure show differs from the thesis' crm configure show"
    "$VIGIL" status | normalize | golden seed-build-status.txt
    "$VIGIL" constraint list | golden seed-constraints.txt
    epoch=$(sed -n 's/^<cib .* epoch="\([0-9]*\)".*/\1/p' "$CIB_file")
    [ "$epoch" = 13 ] || fail "epoch after 8 writes on epoch 5 is '$epoch', expected 13"
    ;;
status-running)
    need xmllint
    CIB_file=$DATA/seed-running.xml
    export CIB_file
    "$VIGIL" status | normalize | golden status-running.txt
    "$VIGIL" status --output-as=xml | normalize | golden status-running.xml
    "$VIGIL" status --output-as=xml >"$WORK/s.xml"
    xmllint --noout --relaxng "$HERE/../../schemas/vigil-status-1.rng" "$WORK/s.xml" 2>"$WORK/lint" ||
        fail "status XML does not match vigil-status-1.rng: $(cat "$WORK/lint")"
    "$VIGIL" resource status | golden resource-status-running.txt
    ;;
status-degraded)
    need xmllint
    CIB_file=$DATA/seed-degraded.xml
    export CIB_file
    "$VIGIL" status --full | normalize | golden status-degraded-full.txt
    "$VIGIL" status --output-as=xml | normalize | golden status-degraded.xml
    "$VIGIL" status --output-as=xml >"$WORK/s.xml"
    xmllint --noout --relaxng "$HERE/../../schemas/vigil-status-1.rng" "$WORK/s.xml" 2>"$WORK/lint" ||
        fail "status XML does not match vigil-status-1.rng: $(cat "$WORK/lint")"
    "$VIGIL" resource failcount show IPVirtual_2 | golden failcount-degraded.txt
    ;;
status-roles)
    # Roles and states: promotable clone, cloned group, disabled, unmanaged,
    # pending start, a node in maintenance, no quorum.
    need xmllint
    CIB_file=$DATA/roles.xml
    export CIB_file
    "$VIGIL" status | normalize | golden status-roles.txt
    "$VIGIL" status --output-as=xml | normalize | golden status-roles.xml
    "$VIGIL" status --output-as=xml >"$WORK/s.xml"
    xmllint --noout --relaxng "$HERE/../../schemas/vigil-status-1.rng" "$WORK/s.xml" 2>"$WORK/lint" ||
        fail "status XML does not match vigil-status-1.rng: $(cat "$WORK/lint")"
    ;;
bad-input)
    fresh_cib seed-running.xml
    before=$(sha256sum <"$CIB_file")
    # expected-rc | message that must appear | command
    while IFS='|' read -r want pattern line; do
        case $want in '' | '#'*) continue ;; esac
        # shellcheck disable=SC2086
        eval "set -- $line"
        expect_rc "$want" "$@"
        grep -q -- "$pattern" "$WORK/err" || fail "vigil $line: stderr lacks '$pattern': $(cat "$WORK/err")"
        [ "$(sha256sum <"$CIB_file")" = "$before" ] || {
            fail "vigil $line changed the CIB although it was refused"
            cp "$DATA/seed-running.xml" "$CIB_file"
        }
    done <"$HERE/bad-input.txt"
    ;;
dry-run)
    need crm_verify
    fresh_cib seed-running.xml
    before=$(sha256sum <"$CIB_file")
    expect_rc 0 resource move grupo1 standby2 --dry-run
    [ "$(sha256sum <"$CIB_file")" = "$before" ] || fail "--dry-run wrote the CIB"
    grep -q '^+ .*cli-prefer-grupo1' "$WORK/out" || fail "--dry-run does not show the new constraint"
    grep -q 'Move *IPVirtual_1 *( cluster1 -> standby2 )' "$WORK/out" ||
        fail "--dry-run does not show the move: $(cat "$WORK/out")"
    expect_rc 0 property set maintenance-mode=true --dry-run
    [ "$(sha256sum <"$CIB_file")" = "$before" ] || fail "--dry-run wrote the CIB"
    grep -q '^+ .*maintenance-mode' "$WORK/out" || fail "--dry-run does not show the property"
    ;;
placement)
    # move / ban / clear / standby change where the scheduler puts the group.
    need crm_verify
    fresh_cib seed-running.xml
    where() {
        "$VIGIL" simulate --xml-file "$CIB_file" --placement | awk -v r="$1" '$2 == r { print $3 }'
    }
    [ "$(where IPVirtual_1)" = cluster1 ] || fail "seed: group not on cluster1 but '$(where IPVirtual_1)'"
    expect_rc 0 resource move grupo1 standby2
    verify_cib "resource move"
    [ "$(where IPVirtual_1)" = standby2 ] || fail "after move: '$(where IPVirtual_1)'"
    [ "$(where IPVirtual_2)" = standby2 ] || fail "after move: IPVirtual_2 '$(where IPVirtual_2)'"
    expect_rc 0 resource clear grupo1
    [ "$(where IPVirtual_1)" = cluster1 ] || fail "after clear: '$(where IPVirtual_1)'"
    expect_rc 0 resource ban grupo1 cluster1
    verify_cib "resource ban"
    w=$(where IPVirtual_1)
    [ "$w" = standby1 ] || [ "$w" = standby2 ] || fail "after ban: '$w'"
    grep -q 'id="cli-ban-grupo1-on-cluster1"' "$CIB_file" || fail "ban constraint id is not pcs's"
    expect_rc 0 resource clear grupo1 cluster1
    expect_rc 0 node standby cluster1
    verify_cib "node standby"
    w=$(where IPVirtual_1)
    [ "$w" = standby1 ] || [ "$w" = standby2 ] || fail "after standby: '$w'"
    expect_rc 0 node unstandby cluster1
    [ "$(where IPVirtual_1)" = cluster1 ] || fail "after unstandby: '$(where IPVirtual_1)'"
    # move without a node bans the current one.
    expect_rc 0 resource move grupo1
    grep -q 'id="cli-ban-grupo1-on-cluster1"' "$CIB_file" || fail "move without node did not ban cluster1"
    expect_rc 0 resource clear grupo1
    # move-with-constraint: the preference stays (offline and live alike).
    expect_rc 0 resource move-with-constraint grupo1 standby1
    verify_cib "resource move-with-constraint"
    grep -q 'id="cli-prefer-grupo1"' "$CIB_file" || fail "move-with-constraint made no cli-prefer-grupo1"
    grep -q 'cli-prefer-grupo1' "$WORK/out" || fail "move-with-constraint does not name the constraint"
    [ "$(where IPVirtual_1)" = standby1 ] || fail "after move-with-constraint: '$(where IPVirtual_1)'"
    expect_rc 4 resource move-with-constraint grupo9 standby1
    grep -q "did you mean 'grupo1'" "$WORK/err" || fail "no suggestion for grupo9: $(cat "$WORK/err")"
    ;;
config)
    # pcs config's layout of the whole configuration, and the parts that
    # constraint list and property list share with it.
    CIB_file=$DATA/seed-running.xml
    export CIB_file
    "$VIGIL" config | golden config-running.txt
    "$VIGIL" config show | golden config-running.txt
    "$VIGIL" constraint list >"$WORK/cons"
    "$VIGIL" config | sed -n '/^Location Constraints:/,/^$/p' | sed '$d' | diff -u "$WORK/cons" - >&2 ||
        fail "config's constraints differ from constraint list"
    "$VIGIL" property list >"$WORK/props"
    "$VIGIL" config | sed -n '/^Cluster Properties:/,$p' | diff -u "$WORK/props" - >&2 ||
        fail "config's properties differ from property list"
    fresh_cib empty-3node.xml
    "$VIGIL" config | golden config-empty.txt
    expect_rc 2 config frobnicate
    ;;
configure-load)
    need crm_verify
    fresh_cib empty-3node.xml
    seed_commands
    "$VIGIL" configure show >"$WORK/seed.crm"
    fresh_cib empty-3node.xml
    expect_rc 0 configure load replace "$WORK/seed.crm"
    verify_cib "configure load replace"
    "$VIGIL" configure show | golden seed-configure.txt
    # XML form, from stdin, merged.
    fresh_cib empty-3node.xml
    "$VIGIL" configure show xml >/dev/null
    CIB_file=$WORK/cib.xml "$VIGIL" configure load update - <"$DATA/../golden/seed-configure.txt" ||
        fail "configure load update - failed"
    verify_cib "configure load update"
    # configure edit with a scripted editor: a valid change commits...
    fresh_cib empty-3node.xml
    seed_commands
    # shellcheck disable=SC2016 # $1 belongs to the editor script
    printf '#!/bin/sh\nsed -i "s/ 50: cluster1/ 60: cluster1/" "$1"\n' >"$WORK/ed.sh"
    chmod +x "$WORK/ed.sh"
    unset VISUAL
    EDITOR=$WORK/ed.sh
    export EDITOR
    expect_rc 0 configure edit
    grep 'id="pref-cluster1"' "$CIB_file" | grep -q 'score="60"' ||
        fail "configure edit did not commit the change"
    # ...and an invalid one changes nothing and keeps the text.
    before=$(sha256sum <"$CIB_file")
    # shellcheck disable=SC2016
    printf '#!/bin/sh\nprintf "primitive broken\\n" >>"$1"\n' >"$WORK/ed.sh"
    expect_rc 3 configure edit
    [ "$(sha256sum <"$CIB_file")" = "$before" ] || fail "a refused configure edit changed the CIB"
    grep -q 'kept in' "$WORK/err" || fail "configure edit does not say where the text is kept"
    ;;
cluster-setup)
    need corosync
    out=$WORK/cs
    expect_rc 0 cluster setup tfm cluster1=127.0.0.1 standby1=127.0.0.2 standby2=127.0.0.3 --profile fast --output "$out"
    grep -q 'token: 400' "$out/corosync.conf" || fail "fast profile without a short token"
    grep -q 'token_coefficient: 0' "$out/corosync.conf" || fail "fast profile without token_coefficient 0"
    grep -q 'profile fast' "$WORK/out" || fail "fast profile is not explained"
    # udpu (knet's link heartbeat flaps under a 400 ms token), which has no crypto.
    grep -q 'transport: udpu' "$out/corosync.conf" || fail "fast profile not on udpu"
    if grep -q 'crypto_cipher' "$out/corosync.conf"; then fail "fast profile sets crypto on udpu"; fi
    grep -q 'does not encrypt' "$WORK/out" || fail "fast profile does not warn that udpu is not encrypted"
    corosync -t -c "$out/corosync.conf" >"$WORK/cs.log" 2>&1 || fail "corosync -t refused the fast profile: $(cat "$WORK/cs.log")"
    expect_rc 3 cluster setup tfm a=127.0.0.1,127.0.1.1 b=127.0.0.2,127.0.1.2 --profile fast --output "$WORK/cs3"
    grep -q 'one link' "$WORK/err" || fail "fast profile with two links: no reason given"
    [ ! -e "$WORK/cs3" ] || fail "a refused setup wrote $WORK/cs3"
    expect_rc 0 cluster setup tfm a=127.0.0.1 b=127.0.0.2 --output "$WORK/cs2"
    grep -q 'two_node: 1' "$WORK/cs2/corosync.conf" || fail "two nodes without two_node"
    if grep -q 'token:' "$WORK/cs2/corosync.conf"; then fail "default profile sets a token"; fi
    grep -q 'transport: knet' "$WORK/cs2/corosync.conf" || fail "default profile not on knet"
    grep -q 'crypto_cipher: aes256' "$WORK/cs2/corosync.conf" || fail "crypto is off"
    [ "$(stat -c %a "$WORK/cs2/authkey")" = 400 ] || fail "authkey mode is $(stat -c %a "$WORK/cs2/authkey")"
    [ "$(stat -c %s "$WORK/cs2/authkey")" = 256 ] || fail "authkey is not 256 bytes"
    # corosync's own parser, with the key where this test put it.
    sed "s#crypto_hash: sha256#crypto_hash: sha256\n    keyfile: $WORK/cs2/authkey#" "$WORK/cs2/corosync.conf" >"$WORK/check.conf"
    corosync -t -c "$WORK/check.conf" >"$WORK/cs.log" 2>&1 || fail "corosync -t refused it: $(cat "$WORK/cs.log")"
    expect_rc 1 cluster setup tfm a=127.0.0.1 --output "$out"
    grep -q 'exists' "$WORK/err" || fail "overwrote an existing corosync.conf"
    expect_rc 3 cluster setup tfm a=127.0.0.1 b=127.0.0.1 --output "$WORK/cs3"
    expect_rc 3 cluster setup tfm 'a=not an address' --output "$WORK/cs3"
    expect_rc 2 cluster setup tfm a=127.0.0.1 --profile turbo --output "$WORK/cs3"
    ;;
misc)
    expect_rc 2 frobnicate
    expect_rc 0 help resource
    grep -q 'create ID CLASS:PROVIDER:TYPE' "$WORK/out" || fail "'help resource' shows no usage"
    for c in status resource stonith constraint property node config configure cib cluster; do
        expect_rc 0 help "$c"
        grep -q "usage: vigil $c" "$WORK/out" || fail "'help $c' shows no usage"
    done
    # No CIB_file and no daemon: unreachable, with the fix named.
    # shellcheck disable=SC2030,SC2031 # the subshell reports through its exit code
    (
        failures=0
        unset CIB_file
        VIGIL_SOCKET=$WORK/no-such.sock
        export VIGIL_SOCKET
        expect_rc 5 status
        grep -q 'CIB_file' "$WORK/err" || fail "unreachable error does not name the fix"
        exit "$failures"
    ) || failures=$((failures + 1))
    CIB_file=$WORK/missing.xml expect_rc 4 status
    grep -q 'does not exist' "$WORK/err" || fail "missing CIB_file not explained: $(cat "$WORK/err")"
    fresh_cib seed-degraded.xml
    expect_rc 0 resource cleanup IPVirtual_2
    grep -q 'fail-count-IPVirtual_2' "$CIB_file" && fail "cleanup left the fail count"
    grep -q 'IPVirtual_2_last_failure_0' "$CIB_file" && fail "cleanup left the failure history"
    grep -q 'fail-count-st-null' "$CIB_file" || fail "cleanup of IPVirtual_2 removed st-null's fail count"
    verify_cib "resource cleanup"
    # Offline, delete removes at once (nothing runs behind a file).
    expect_rc 0 stonith delete st-null
    grep -q "deleted 'st-null'" "$WORK/out" || fail "stonith delete says: $(cat "$WORK/out")"
    grep -q '<primitive id="st-null"' "$CIB_file" && fail "stonith delete left st-null"
    grep -q 'target-role' "$CIB_file" && fail "an offline delete disabled something"
    expect_rc 0 resource delete IPVirtual_1
    grep -q '<primitive id="IPVirtual_1"' "$CIB_file" && fail "resource delete left IPVirtual_1"
    # (crm_verify would rightly flag st-null's history left in this
    # snapshot's status as an orphan still active.)
    expect_rc 0 status
    ;;
completion)
    need bash
    CIB_file=$DATA/seed-running.xml
    export CIB_file
    # Puts the directory of the binary under test first so the completion
    # script's own calls to vigil reach it.
    PATH=$(dirname "$VIGIL"):$PATH
    export PATH
    complete_words() {
        bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _vigil; printf "%s\n" "${COMPREPLY[@]}"' \
            sh "$HERE/../../tools/vigil/completion.bash" "$@"
    }
    complete_words vigil res | grep -qx resource || fail "no completion of 'res'"
    complete_words vigil resource mo | grep -qx move || fail "no completion of 'resource mo'"
    complete_words vigil resource move "" | grep -qx grupo1 || fail "no resource ids after 'resource move'"
    complete_words vigil resource move grupo1 st | grep -qx standby1 || fail "no node names after 'resource move RSC'"
    complete_words vigil node standby c | grep -qx cluster1 || fail "no node names after 'node standby'"
    complete_words vigil cluster setup x --profile f | grep -qx fast || fail "no profiles"
    complete_words vigil conf | grep -qx config || fail "no completion of 'conf' to config"
    complete_words vigil resource move-w | grep -qx move-with-constraint || fail "no move-with-constraint"
    complete_words vigil resource move-with-constraint grupo1 st | grep -qx standby2 ||
        fail "no node names after 'resource move-with-constraint RSC'"
    complete_words vigil resource restart "" | grep -qx IPVirtual_1 || fail "no resource ids after restart"
    ;;
*)
    echo "unknown case '$case_name'" >&2
    exit 2
    ;;
esac

if [ -s "$WORK/golden-failures" ]; then
    failures=$((failures + $(wc -l <"$WORK/golden-failures")))
fi
if [ "$failures" -ne 0 ]; then
    echo "$case_name: $failures failure(s)" >&2
    exit 1
fi
echo "$case_name: ok"
