# lib.sh: helpers for the agent tests (tests/agents/*.sh). Sourced.
#
# Every test runs as root, creates its namespaces with the prefix "vag-"
# plus a per-run tag, and registers a cleanup that runs on any exit, so a
# failing test leaves no namespace, mount or process behind. A missing
# program is a failure, never a skip.
# shellcheck shell=sh

set -u

SRC=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck disable=SC2034 # used by the tests to name their namespaces
TAG="$$"
fails=0
cleanups=""

note() { printf '%s\n' "--- $*"; }

fail() {
	printf 'FAIL: %s\n' "$*"
	fails=$((fails + 1))
}

ok() { printf 'ok: %s\n' "$*"; }

# die MSG: a failure that makes the rest of the test pointless.
die() {
	printf 'FAIL (fatal): %s\n' "$*"
	fails=$((fails + 1))
	exit 1
}

# check DESC CMD...: run CMD, pass if it exits 0.
check() {
	_d=$1
	shift
	if "$@"; then ok "$_d"; else fail "$_d"; fi
}

# expect_rc WANT DESC CMD...: run CMD, pass if it exits with WANT.
expect_rc() {
	_want=$1
	_d=$2
	shift 2
	"$@"
	_got=$?
	if [ "$_got" -eq "$_want" ]; then ok "$_d (rc $_got)"; else fail "$_d: rc $_got, want $_want"; fi
}

# on_exit CMD: add CMD (a string) to the cleanup list, run newest first.
on_exit() {
	cleanups="$1
$cleanups"
}

run_cleanups() {
	_rc=$?
	set +e
	printf '%s\n' "$cleanups" | while IFS= read -r _c; do
		[ -n "$_c" ] && eval "$_c" >/dev/null 2>&1
	done
	if [ "$fails" -gt 0 ]; then
		echo "$fails check(s) failed"
		exit 1
	fi
	[ "$_rc" -ne 0 ] && exit "$_rc"
	echo "all checks passed"
	exit 0
}
trap run_cleanups EXIT
trap 'exit 130' INT TERM HUP

need() {
	for _b in "$@"; do
		command -v "$_b" >/dev/null 2>&1 || die "required program $_b is not installed (sh scripts/install-deps.sh)"
	done
}

[ "$(id -u)" = 0 ] || die "the agent tests need root (network namespaces, mounts)"

# A private work dir readable by "nobody" (ocf-tester runs meta-data as
# nobody) holding the agents in their installed layout:
# $W/ocf/resource.d/vigil/<agent>, $W/ocf/lib/vigil/*.sh, $W/fence/*.
W=$(mktemp -d /tmp/vag-test.XXXXXX)
chmod 755 "$W"
on_exit "rm -rf '$W'"
mkdir -p "$W/ocf/resource.d/vigil" "$W/ocf/lib/vigil" "$W/sbin" "$W/rsctmp"
cp "$SRC"/agents/ocf/* "$W/ocf/resource.d/vigil/"
cp "$SRC"/agents/lib/*.sh "$W/ocf/lib/vigil/"
cp "$SRC"/agents/fence/* "$W/sbin/"
mkdir -p "$W/share/vigil"
cp "$SRC"/agents/lib/vigil-fence.sh "$W/share/vigil/"
chmod -R a+rX "$W"
AG="$W/ocf/resource.d/vigil"
export HA_RSCTMP="$W/rsctmp"
export OCF_ROOT=/usr/lib/ocf

# netns NAME: create namespace NAME with lo up, removed at exit (after its
# processes are killed).
netns() {
	ip netns add "$1" || die "cannot create namespace $1"
	on_exit "kill_netns '$1'; ip netns del '$1'"
	ip -n "$1" link set lo up
}

kill_netns() {
	for _i in 1 2 3 4 5 6 7 8 9 10; do
		_p=$(ip netns pids "$1" 2>/dev/null)
		[ -z "$_p" ] && return 0
		# shellcheck disable=SC2086
		kill -KILL $_p 2>/dev/null
		sleep 0.2
	done
}

# lab_bridge BRNS: a namespace holding only a bridge br0 (no route, no NAT).
lab_bridge() {
	netns "$1"
	ip -n "$1" link add br0 type bridge
	ip -n "$1" link set br0 up
}

# lab_node BRNS NODENS IF ADDR/LEN: connect NODENS to the bridge through a
# veth whose node end is called IF.
lab_node() {
	_peer="p$(printf '%s' "$2" | cksum | cut -d' ' -f1 | cut -c1-8)"
	ip link add "$_peer" netns "$1" type veth peer name "$3" netns "$2" || die "veth for $2"
	ip -n "$1" link set "$_peer" master br0 up
	ip -n "$2" link set "$3" up
	[ -n "$4" ] && ip -n "$2" addr add "$4" dev "$3"
	return 0
}

# in_ns NS CMD...: run CMD in namespace NS with a fresh /sys (ip netns exec).
in_ns() {
	_ns=$1
	shift
	ip netns exec "$_ns" "$@"
}

# ocf_tester NS AGENT ARGS...: resource-agents' ocf-tester inside NS.
ocf_tester() {
	_ns=$1
	_a=$2
	shift 2
	_out=$(in_ns "$_ns" ocf-tester "$@" "$AG/$_a" 2>&1)
	_rc=$?
	printf '%s\n' "$_out" | sed 's/^/    /'
	if [ "$_rc" -eq 0 ] && printf '%s\n' "$_out" | grep -q "passed all tests"; then
		ok "ocf-tester $_a"
	else
		fail "ocf-tester $_a (rc $_rc)"
	fi
}

# wait_for SECONDS CMD...: poll CMD every 0.1 s until it succeeds.
wait_for() {
	_n=$(($1 * 10))
	shift
	while [ "$_n" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	return 1
}

now_ms() { date +%s%3N; }

# alive PID: PID exists and is not a zombie.
alive() {
	[ -r "/proc/$1/stat" ] || return 1
	_s=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
	[ -n "$_s" ] && [ "$_s" != Z ]
}
