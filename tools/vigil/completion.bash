# bash completion for vigil(8). Install as
# /usr/share/bash-completion/completions/vigil.
# shellcheck disable=SC2207 # COMPREPLY=($(compgen ...)) is the completion idiom; words have no spaces

_vigil_ids() {
    # Resource, group and clone ids of the current CIB (quietly nothing when
    # the daemon is down and CIB_file is unset).
    vigil resource show 2>/dev/null |
        sed -n 's/.*<\(primitive\|group\|clone\|master\) id="\([^"]*\)".*/\2/p'
}

_vigil_nodes() {
    vigil cib show 2>/dev/null | sed -n 's/.*<node id="[^"]*" uname="\([^"]*\)".*/\1/p'
}

_vigil_constraint_ids() {
    vigil cib show 2>/dev/null |
        sed -n 's/.*<rsc_\(location\|order\|colocation\|ticket\) id="\([^"]*\)".*/\2/p'
}

_vigil() {
    local cur prev cmd verb words
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    cmd=${COMP_WORDS[1]}
    verb=${COMP_WORDS[2]}

    if [[ $COMP_CWORD -eq 1 ]]; then
        words="status resource stonith constraint property node config configure cib cluster simulate explain help"
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
        return
    fi
    if [[ $cur == --* ]]; then
        words="--dry-run --wait --force --help"
        case $cmd in
            status) words="--full --output-as=text --output-as=xml --help" ;;
            resource) words="$words --group --before --after --clone --disabled --no-default-ops --node" ;;
            stonith) words="$words --group --disabled --no-default-ops" ;;
            node) words="$words --all" ;;
            cluster) words="--profile --output --local --force" ;;
        esac
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
        return
    fi
    case $prev in
        --profile) COMPREPLY=($(compgen -W "default fast" -- "$cur")); return ;;
        --output) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --node) COMPREPLY=($(compgen -W "$(_vigil_nodes)" -- "$cur")); return ;;
        --group | --before | --after) COMPREPLY=($(compgen -W "$(_vigil_ids)" -- "$cur")); return ;;
    esac
    if [[ $COMP_CWORD -eq 2 ]]; then
        case $cmd in
            resource) words="create delete update meta show config status enable disable manage unmanage restart move move-with-constraint ban clear cleanup failcount group clone defaults" ;;
            stonith) words="create delete show config" ;;
            constraint) words="location order colocation list delete" ;;
            property) words="set unset list" ;;
            node) words="standby unstandby maintenance unmaintenance attribute" ;;
            configure) words="show load edit" ;;
            cib) words="show push" ;;
            cluster) words="setup status start stop" ;;
            status) words="xml resources" ;;
            config) words="show" ;;
            help) words="status resource stonith constraint property node config configure cib cluster simulate explain" ;;
        esac
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
        return
    fi
    case "$cmd $verb" in
        "resource delete" | "resource update" | "resource meta" | "resource show" | "resource config" | \
            "resource enable" | "resource disable" | "resource manage" | "resource unmanage" | \
            "resource cleanup" | "resource clone" | "resource restart" | "stonith delete")
            COMPREPLY=($(compgen -W "$(_vigil_ids)" -- "$cur")) ;;
        "resource move" | "resource move-with-constraint" | "resource ban" | "resource clear")
            if [[ $COMP_CWORD -eq 3 ]]; then
                COMPREPLY=($(compgen -W "$(_vigil_ids)" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$(_vigil_nodes)" -- "$cur"))
            fi ;;
        "resource group") COMPREPLY=($(compgen -W "add remove $(_vigil_ids)" -- "$cur")) ;;
        "resource failcount") COMPREPLY=($(compgen -W "show $(_vigil_ids)" -- "$cur")) ;;
        "node standby" | "node unstandby" | "node maintenance" | "node unmaintenance" | "node attribute")
            COMPREPLY=($(compgen -W "$(_vigil_nodes) --all" -- "$cur")) ;;
        "constraint delete") COMPREPLY=($(compgen -W "$(_vigil_constraint_ids)" -- "$cur")) ;;
        "constraint location")
            if [[ $COMP_CWORD -eq 3 ]]; then
                COMPREPLY=($(compgen -W "add $(_vigil_ids)" -- "$cur"))
            elif [[ $COMP_CWORD -eq 4 ]]; then
                COMPREPLY=($(compgen -W "prefers avoids" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$(_vigil_nodes)" -- "$cur"))
            fi ;;
        "constraint order") COMPREPLY=($(compgen -W "start stop promote demote then $(_vigil_ids)" -- "$cur")) ;;
        "constraint colocation") COMPREPLY=($(compgen -W "add with $(_vigil_ids)" -- "$cur")) ;;
        "configure show") COMPREPLY=($(compgen -W "xml" -- "$cur")) ;;
        "configure load")
            if [[ $COMP_CWORD -eq 3 ]]; then
                COMPREPLY=($(compgen -W "replace update" -- "$cur"))
            else
                COMPREPLY=($(compgen -f -- "$cur"))
            fi ;;
        "cib push") COMPREPLY=($(compgen -f -- "$cur")) ;;
        "property set" | "property unset")
            COMPREPLY=($(compgen -W "stonith-enabled= no-quorum-policy= cluster-name= maintenance-mode= symmetric-cluster= cluster-recheck-interval= start-failure-is-fatal= stonith-timeout= placement-strategy=" -- "$cur"))
            compopt -o nospace 2>/dev/null ;;
    esac
}
complete -F _vigil vigil
