# vigil-common.sh: helpers shared by Vigil's OCF agents (provider "vigil").
#
# Sourced by every agent after resource-agents' ocf-shellfuncs, so the OCF_*
# return codes, ocf_log and ocf_exit_reason are available here. Everything in
# this file avoids forks where it can: the vip agent's start sits on the
# failover path and is expected to finish in a few milliseconds.
# shellcheck shell=sh

# vigil_have BINARY: true if BINARY can be run. Honours ocf-tester's
# OCF_TESTER_FAIL_HAVE_BINARY like resource-agents' have_binary, but uses the
# shell's builtin `command -v` instead of forking which/sed.
vigil_have() {
	[ "${OCF_TESTER_FAIL_HAVE_BINARY:-0}" = 1 ] && return 1
	command -v "$1" >/dev/null 2>&1
}

# vigil_need BINARY: exit OCF_ERR_INSTALLED (5) with a reason when BINARY is
# missing. A probe (monitor with interval 0) answers "not running" instead:
# without the program the resource cannot be running here, and reporting 5
# from a probe would make the cluster ban a node that merely lacks the
# package while nothing of the resource exists on it.
vigil_need() {
	vigil_have "$1" && return 0
	if ocf_is_probe; then
		ocf_log info "$1 is not installed, so the resource is not running here"
		exit "$OCF_NOT_RUNNING"
	fi
	ocf_exit_reason "Setup problem: couldn't find command: %s" "$1"
	exit "$OCF_ERR_INSTALLED"
}

# vigil_is_uint VALUE: true if VALUE is a non-empty string of digits.
vigil_is_uint() {
	case $1 in
	'' | *[!0-9]*) return 1 ;;
	esac
	return 0
}

# vigil_op_timeout_s DEFAULT: the current operation's timeout in whole
# seconds, from OCF_RESKEY_CRM_meta_timeout (milliseconds), or DEFAULT when
# the resource manager did not pass one (ocf-tester, manual runs).
vigil_op_timeout_s() {
	_t=${OCF_RESKEY_CRM_meta_timeout:-}
	if vigil_is_uint "$_t" && [ "$_t" -ge 1000 ]; then
		echo $((_t / 1000))
	else
		echo "$1"
	fi
}

# vigil_now_ms: monotonic-enough wall clock in milliseconds (GNU date).
vigil_now_ms() {
	date +%s%3N
}

# vigil_pid_alive PID: true if PID names a live (non-zombie) process.
vigil_pid_alive() {
	vigil_is_uint "$1" || return 1
	[ -d "/proc/$1" ] || return 1
	# A zombie has state Z in /proc/PID/stat; it no longer holds anything.
	_st=""
	{ read -r _st </proc/"$1"/stat; } 2>/dev/null || return 1
	_st=${_st##*) }
	[ "${_st%% *}" != Z ]
}

# vigil_read_pidfile FILE: print the first line of FILE if it is a number.
vigil_read_pidfile() {
	[ -r "$1" ] || return 1
	_p=""
	read -r _p <"$1" 2>/dev/null || [ -n "$_p" ] || return 1
	vigil_is_uint "$_p" || return 1
	echo "$_p"
}

# vigil_run_deadline SECONDS CMD...: run CMD in the background and wait at
# most SECONDS for it. Returns CMD's exit status, or 124 on timeout. Unlike
# timeout(1) this never waits for a child stuck in the kernel (a request to
# a dead NFS or FUSE server): on expiry the child is sent SIGKILL and
# abandoned, so the caller always gets an answer within the deadline.
vigil_run_deadline() {
	_secs=$1
	shift
	"$@" &
	_child=$!
	_ticks=$((_secs * 10))
	while [ "$_ticks" -gt 0 ]; do
		if ! kill -0 "$_child" 2>/dev/null || ! vigil_pid_alive "$_child"; then
			wait "$_child"
			return $?
		fi
		sleep 0.1
		_ticks=$((_ticks - 1))
	done
	kill -KILL "$_child" 2>/dev/null
	return 124
}
