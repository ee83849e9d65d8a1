# vigil-fence.sh: argument handling shared by Vigil's fence agents.
#
# Fence agents follow the fence-agents conventions that Pacemaker's fencer
# relies on: options arrive either as key=value lines on standard input
# (what the fencer sends) or on the command line (-o ACTION / --action=,
# -n PLUG / --plug=, --KEY=VALUE). Exit codes: 0 success; for status 0 means
# "on" and 2 "off"; 1 is a failure.
# shellcheck shell=sh
# The fence_* variables are shared with the agent that sources this file.
# shellcheck disable=SC2034,SC2154

fence_action=reboot
fence_plug=""
fence_nodename=""

# fence_set KEY VALUE: store one option. Unknown keys become fence_opt_KEY
# (dashes turned into underscores) for the agent to read.
fence_set() {
	_k=${1#--}
	_v=$2
	case $_k in
	action | option | o) fence_action=$_v ;;
	plug | port | n) fence_plug=$_v ;;
	nodename) fence_nodename=$_v ;;
	*)
		_k=$(printf '%s' "$_k" | tr -c 'A-Za-z0-9_\n' '_')
		case $_k in
		'' | [0-9]*) return 0 ;;
		esac
		eval "fence_opt_$_k=\$_v"
		;;
	esac
}

# fence_parse_args "$@": command line first; with no arguments, read
# key=value lines from standard input (comments and blank lines ignored).
# The fencer passes the target both as nodename= and, mapped, as plug=:
# plug wins.
fence_parse_args() {
	fence_parse_argv "$@"
	fence_plug=${fence_plug:-$fence_nodename}
}

fence_parse_argv() {
	if [ $# -eq 0 ]; then
		while IFS= read -r _line || [ -n "$_line" ]; do
			case $_line in '' | '#'*) continue ;; esac
			case $_line in *=*) ;; *) continue ;; esac
			fence_set "${_line%%=*}" "${_line#*=}"
		done
		return 0
	fi
	while [ $# -gt 0 ]; do
		case $1 in
		-o | -n)
			[ $# -ge 2 ] || fence_die "option $1 needs a value"
			fence_set "${1#-}" "$2"
			shift 2
			continue
			;;
		--*=*) fence_set "${1%%=*}" "${1#*=}" ;;
		--help | -h) fence_action=help ;;
		--*) fence_set "$1" 1 ;;
		*) fence_die "unexpected argument $1" ;;
		esac
		shift
	done
}

fence_die() {
	echo "$fence_name: $*" >&2
	exit 1
}

fence_log() {
	echo "$fence_name: $*" >&2
}

# fence_metadata_param NAME REQUIRED DEFAULT SHORTDESC: one <parameter>.
fence_metadata_param() {
	cat <<END
	<parameter name="$1" unique="0" required="$2">
		<getopt mixed="--$1=[value]" />
		<content type="string" default="$3" />
		<shortdesc lang="en">$4</shortdesc>
	</parameter>
END
}

# fence_metadata_head: the action and plug parameters and the actions
# list, which are the same for every Vigil fence agent.
fence_metadata_head() {
	cat <<END
	<parameter name="action" unique="0" required="1">
		<getopt mixed="-o, --action=[action]" />
		<content type="string" default="reboot" />
		<shortdesc lang="en">Fencing action</shortdesc>
	</parameter>
	<parameter name="plug" unique="0" required="0" obsoletes="port">
		<getopt mixed="-n, --plug=[name]" />
		<content type="string" />
		<shortdesc lang="en">Node to act on</shortdesc>
	</parameter>
	<parameter name="port" unique="0" required="0" deprecated="1">
		<getopt mixed="-n, --plug=[name]" />
		<content type="string" />
		<shortdesc lang="en">Node to act on (old name of plug)</shortdesc>
	</parameter>
END
}

fence_metadata_actions() {
	cat <<END
<actions>
	<action name="on" automatic="0" />
	<action name="off" />
	<action name="reboot" />
	<action name="status" />
	<action name="list" />
	<action name="monitor" />
	<action name="metadata" />
	<action name="validate-all" />
</actions>
END
}
