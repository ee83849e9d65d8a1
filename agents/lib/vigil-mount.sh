# vigil-mount.sh: the mount logic shared by the nfsmount and glustermount
# agents. Sourced after vigil-common.sh.
#
# The agent sets, before calling these functions:
#   mnt_device   what mount(8) is given, e.g. "10.0.0.1:/gv0"
#   mnt_dir      the mount point (no trailing slash)
#   mnt_fstype   the type for mount -t ("glusterfs", "nfs", "nfs4")
#   mnt_types    the types /proc/mounts may show for it, space separated
#                ("fuse.glusterfs"; "nfs nfs4")
#   mnt_options  mount options ("" for none)
#   mnt_force    "true" if stop may signal the processes using the mount
#
# Network filesystems can hang any process that touches them once their
# server is gone, so nothing here stats a path below the mount point except
# the deep monitor, which runs under a deadline. Users of a mount are found
# by reading /proc symlinks and maps (the kernel answers those without
# asking the filesystem), never with fuser, which hangs on a dead NFS
# server.
# shellcheck shell=sh
# The mnt_* inputs are set by the agent that sources this file.
# shellcheck disable=SC2154

# mnt_escape PATH: PATH as /proc/mounts writes it (space, tab, newline and
# backslash as octal escapes).
mnt_escape() {
	case $1 in
	*[[:space:]]* | *\\*) printf '%s' "$1" | sed 's/\\/\\134/g; s/ /\\040/g; s/	/\\011/g' ;;
	*) printf '%s' "$1" ;;
	esac
}

# mnt_path_of DEVICE: the export or volume part of "server:path", without
# leading or trailing slashes, so "srv:/gv0", "10.0.0.1:gv0" and
# "srv:/gv0/" compare equal (the kernel and FUSE may rewrite the server).
mnt_path_of() {
	_p=${1#*:}
	while :; do
		case $_p in
		/*) _p=${_p#/} ;;
		*/) _p=${_p%/} ;;
		*) break ;;
		esac
	done
	echo "$_p"
}

# mnt_lookup: read the mount table. Sets mnt_cur_dev and mnt_cur_type for
# the topmost mount on mnt_dir (empty if none) and mnt_subs to the mount
# points strictly below mnt_dir.
mnt_lookup() {
	mnt_cur_dev=""
	mnt_cur_type=""
	mnt_subs=""
	_edir=$(mnt_escape "$mnt_dir")
	while read -r _dev _mp _type _rest; do
		case $_mp in
		"$_edir")
			mnt_cur_dev=$_dev
			mnt_cur_type=$_type
			;;
		"$_edir"/*) mnt_subs="$mnt_subs $_mp" ;;
		esac
	done </proc/mounts
}

# mnt_status: OCF_SUCCESS if mnt_device is mounted on mnt_dir with one of
# mnt_types, OCF_NOT_RUNNING if nothing is, OCF_ERR_GENERIC (with a reason)
# if something else is mounted there.
mnt_status() {
	mnt_lookup
	[ -z "$mnt_cur_dev" ] && return "$OCF_NOT_RUNNING"
	_type_ok=no
	for _t in $mnt_types; do
		[ "$_t" = "$mnt_cur_type" ] && _type_ok=yes
	done
	if [ "$_type_ok" = yes ] && [ "$(mnt_path_of "$mnt_cur_dev")" = "$(mnt_path_of "$mnt_device")" ]; then
		return "$OCF_SUCCESS"
	fi
	ocf_exit_reason "%s holds %s (%s), not %s" "$mnt_dir" "$mnt_cur_dev" "$mnt_cur_type" "$mnt_device"
	return "$OCF_ERR_GENERIC"
}

# mnt_users DIR: pids of processes whose working directory, root, program,
# open files or mapped files are DIR or below it. ls -l only reads the
# /proc symlinks (lstat and readlink, answered by the kernel without the
# filesystem), and works the same with GNU and busybox ls.
mnt_users() {
	{
		# shellcheck disable=SC2012 # the names are /proc paths
		ls -l /proc/[0-9]*/cwd /proc/[0-9]*/root /proc/[0-9]*/exe /proc/[0-9]*/fd/ 2>/dev/null |
			awk -v d="$1" '
				/^\/proc\/[0-9]+\/fd\/?:$/ { split($0, p, "/"); pid = p[3]; next }
				/ -> / {
					t = substr($0, index($0, " -> ") + 4)
					if (t != d && substr(t, 1, length(d) + 1) != d "/") next
					if (match($0, /\/proc\/[0-9]+\//)) { split(substr($0, RSTART), p, "/"); print p[3] }
					else print pid
				}'
		# Mapped files (maps lines end in the file's path).
		grep -l -s -F -e " $1/" /proc/[0-9]*/maps 2>/dev/null | sed -n 's|^/proc/\([0-9][0-9]*\)/.*|\1|p'
	} | sort -u | while read -r _p; do
		# Never the agent itself or the shells it forked for this scan.
		[ "$_p" = "$$" ] && continue
		_pp=""
		{
			while read -r _k _v; do
				[ "$_k" = PPid: ] && _pp=$_v && break
			done </proc/"$_p"/status
		} 2>/dev/null
		# Gone already (the scan's own short-lived processes), or a child.
		[ -z "$_pp" ] || [ "$_pp" = "$$" ] && continue
		echo "$_p"
	done
}

# mnt_deadline_s OP_DEFAULT: seconds this operation may take in all.
mnt_deadline_s() {
	vigil_op_timeout_s "$1"
}

mnt_do_mount() {
	if [ -n "$mnt_options" ]; then
		mount -t "$mnt_fstype" -o "$mnt_options" "$mnt_device" "$mnt_dir"
	else
		mount -t "$mnt_fstype" "$mnt_device" "$mnt_dir"
	fi
}

# mnt_start: mount, refusing a mount point that has mounts below it or is
# in use (a process working in the directory would keep seeing the old
# contents, and a submount would be hidden under the new one).
mnt_start() {
	mnt_status
	_rc=$?
	[ "$_rc" -eq "$OCF_SUCCESS" ] && return "$OCF_SUCCESS"
	[ "$_rc" -ne "$OCF_NOT_RUNNING" ] && return "$_rc"
	if [ -n "$mnt_subs" ]; then
		ocf_exit_reason "Refusing to mount on %s: mounts below it on this node:%s" "$mnt_dir" "$mnt_subs"
		return "$OCF_ERR_ARGS"
	fi
	if [ ! -d "$mnt_dir" ]; then
		if [ -e "$mnt_dir" ]; then
			ocf_exit_reason "Mount point %s exists and is not a directory" "$mnt_dir"
			return "$OCF_ERR_ARGS"
		fi
		mkdir -p "$mnt_dir" || {
			ocf_exit_reason "Cannot create mount point %s" "$mnt_dir"
			return "$OCF_ERR_GENERIC"
		}
	fi
	_users=$(mnt_users "$mnt_dir" | tr '\n' ' ')
	if [ -n "$_users" ]; then
		ocf_exit_reason "Refusing to mount on %s: in use by processes %s" "$mnt_dir" "$_users"
		return "$OCF_ERR_GENERIC"
	fi
	_t=$(mnt_deadline_s 60)
	# Output goes to a file, not a pipe: a FUSE daemon started by the mount
	# helper could inherit a pipe and keep a $(...) waiting forever.
	[ -d "$HA_RSCTMP" ] || mkdir -p "$HA_RSCTMP"
	_log="$HA_RSCTMP/vigil-mount-${OCF_RESOURCE_INSTANCE:-default}.out"
	vigil_run_deadline "$_t" mnt_do_mount </dev/null >"$_log" 2>&1
	_rc=$?
	_out=$(cat "$_log")
	rm -f "$_log"
	if [ "$_rc" -ne 0 ]; then
		[ "$_rc" -eq 124 ] && _out="no answer within ${_t}s"
		ocf_exit_reason "mount -t %s %s %s failed: %s" "$mnt_fstype" "$mnt_device" "$mnt_dir" "$(echo "$_out" | tail -n 2 | tr '\n' ' ')"
		return "$OCF_ERR_GENERIC"
	fi
	mnt_status
}

# mnt_check_rw FILE TOKEN: write TOKEN to FILE, fsync it, read it back.
mnt_check_rw() {
	printf '%s\n' "$2" | dd of="$1.tmp" conv=fsync status=none || return 1
	mv -f "$1.tmp" "$1" || return 1
	_got=$(dd if="$1" iflag=direct status=none 2>/dev/null) || _got=$(cat "$1") || return 1
	[ "$_got" = "$2" ]
}

# mnt_monitor: depth 0 = mounted as configured; depth 20 = also write,
# fsync and read back a status file, within status_timeout, so a dead
# server yields a failure instead of a monitor that never returns. The
# status file name carries the node name, so clone instances on several
# nodes never write the same file.
mnt_monitor() {
	mnt_status
	_rc=$?
	[ "$_rc" -ne "$OCF_SUCCESS" ] && return "$_rc"
	[ "${OCF_CHECK_LEVEL:-0}" -lt 20 ] && return "$OCF_SUCCESS"
	_node=${OCF_RESKEY_CRM_meta_on_node:-$(uname -n)}
	_file="$mnt_dir/.vigil-status-$_node-${OCF_RESOURCE_INSTANCE:-default}"
	_t=$mnt_status_timeout
	if [ -z "$_t" ]; then
		_t=$(($(vigil_op_timeout_s 12) - 2))
		[ "$_t" -ge 1 ] || _t=1
	fi
	_token="$_node $$ $(date +%s%N)"
	vigil_run_deadline "$_t" mnt_check_rw "$_file" "$_token"
	_rc=$?
	case $_rc in
	0) return "$OCF_SUCCESS" ;;
	124)
		ocf_exit_reason "%s: writing and reading back %s took longer than %ss (server unreachable?)" "$mnt_dir" "$_file" "$_t"
		;;
	*)
		ocf_exit_reason "%s: writing and reading back %s failed" "$mnt_dir" "$_file"
		;;
	esac
	return "$OCF_ERR_GENERIC"
}

# mnt_umount_try SECONDS [OPTION]: one umount attempt under a deadline.
mnt_umount_try() {
	_secs=$1
	shift
	vigil_run_deadline "$_secs" umount "$@" "$mnt_dir" >/dev/null 2>&1
	mnt_lookup
	[ -z "$mnt_cur_dev" ]
}

# mnt_stop: unmount within the stop timeout. A busy mount point gets its
# users signalled (SIGTERM for the first half of the time, SIGKILL after),
# then a forced unmount, and a lazy one as the last resort in the final
# seconds. Mounts below mnt_dir go first.
mnt_stop() {
	cd / || return "$OCF_ERR_GENERIC"
	mnt_lookup
	[ -z "$mnt_cur_dev" ] && [ -z "$mnt_subs" ] && return "$OCF_SUCCESS"
	for _s in $mnt_subs; do
		umount -l "$_s" 2>/dev/null
	done
	mnt_lookup
	[ -z "$mnt_cur_dev" ] && return "$OCF_SUCCESS"

	_total=$(mnt_deadline_s 60)
	_start=$(date +%s)
	_end=$((_start + _total - 2))
	_half=$((_start + _total / 2))
	while :; do
		_now=$(date +%s)
		_left=$((_end - _now))
		[ "$_left" -le 1 ] && break
		_try=5
		[ "$_left" -lt 6 ] && _try=$((_left - 1))
		mnt_umount_try "$_try" && return "$OCF_SUCCESS"
		if ! ocf_is_true "$mnt_force"; then
			sleep 1
			continue
		fi
		_sig=TERM
		[ "$(date +%s)" -ge "$_half" ] && _sig=KILL
		_users=$(mnt_users "$mnt_dir" | tr '\n' ' ')
		if [ -n "$_users" ]; then
			ocf_log warn "$mnt_dir is busy: sending SIG$_sig to $_users"
			# shellcheck disable=SC2086
			kill -"$_sig" $_users 2>/dev/null
		else
			# Nobody uses it and plain umount still fails: the server
			# is probably gone. Forced unmount aborts its requests.
			ocf_log warn "$mnt_dir: umount fails without users, forcing it"
			mnt_umount_try "$_try" -f && return "$OCF_SUCCESS"
		fi
		sleep 1
	done
	ocf_log warn "$mnt_dir: unmount did not finish in time, detaching it (umount -l)"
	mnt_umount_try 2 -l && return "$OCF_SUCCESS"
	ocf_exit_reason "Cannot unmount %s" "$mnt_dir"
	return "$OCF_ERR_GENERIC"
}
