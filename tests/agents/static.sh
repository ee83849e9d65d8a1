#!/bin/sh
# Static checks of every agent: shellcheck (as resource-agents' CI runs it),
# meta-data valid against the OCF DTD that ocf-tester uses and against
# resource-agents' RelaxNG schema, every timeout/interval with an "s"
# suffix, every parameter with a default, fence meta-data well formed.
. "$(dirname "$0")/lib.sh"
need shellcheck xmllint

note "shellcheck"
for f in "$SRC"/agents/ocf/* "$SRC"/agents/fence/* "$SRC"/agents/lib/*.sh "$SRC"/tests/agents/*.sh "$SRC"/bench/agents/*.sh; do
	[ -f "$f" ] || continue
	check "shellcheck ${f#"$SRC"/}" shellcheck -s sh -e SC1090,SC1091 "$f"
done

DTD=/usr/share/resource-agents/ra-api-1.dtd
RNG=/usr/share/resource-agents/metadata.rng
{ [ -r "$DTD" ] && [ -r "$RNG" ]; } || die "resource-agents' ra-api-1.dtd / metadata.rng missing"

note "OCF meta-data"
for a in vip haproxy nfsmount glustermount docker; do
	md="$W/$a.xml"
	if ! "$AG/$a" meta-data >"$md.full"; then
		fail "$a meta-data exits non-zero"
		continue
	fi
	# The DOCTYPE names ra-api-1.dtd relative to the file; validate against
	# the installed copies explicitly instead.
	grep -v '^<!DOCTYPE' "$md.full" >"$md"
	check "$a: executable (755)" sh -c "[ \"\$(stat -c %a '$SRC/agents/ocf/$a')\" = 755 ]"
	check "$a: valid against ra-api-1.dtd" xmllint --noout --dtdvalid "$DTD" "$md"
	check "$a: valid against metadata.rng" xmllint --noout --relaxng "$RNG" "$md"
	bad=$(xmllint --xpath '//action/@timeout | //action/@interval' "$md" 2>/dev/null | tr ' ' '\n' | grep '=' | grep -v '="[0-9][0-9]*s"')
	check "$a: every action timeout/interval has an s suffix${bad:+ ($bad)}" test -z "$bad"
	nodef=$(xmllint --xpath '//parameter[not(content/@default)]/@name' "$md" 2>/dev/null)
	check "$a: every parameter has content/@default${nodef:+ (missing:$nodef)}" test -z "$nodef"
	nodesc=$(xmllint --xpath '//parameter[not(longdesc) or not(shortdesc)]/@name' "$md" 2>/dev/null)
	check "$a: every parameter is described${nodesc:+ (missing:$nodesc)}" test -z "$nodesc"
	for action in start stop monitor meta-data validate-all; do
		check "$a: advertises $action" sh -c "xmllint --xpath '//action[@name=\"$action\"]' '$md' >/dev/null 2>&1"
	done
	expect_rc 0 "$a: meta-data as nobody" su nobody -s /bin/sh -c "$AG/$a meta-data >/dev/null"
	expect_rc 3 "$a: unknown action -> unimplemented" "$AG/$a" frobnicate
done

note "fence meta-data"
for f in fence_vigil_null fence_vigil_netns; do
	check "$f -o metadata is well-formed XML" sh -c "'$W/sbin/$f' -o metadata | xmllint --noout -"
	check "$f: metadata via stdin" sh -c "echo action=metadata | '$W/sbin/$f' | xmllint --xpath '/resource-agent/@name' - | grep -q '$f'"
	for action in on off reboot status list monitor metadata; do
		check "$f: advertises $action" sh -c "'$W/sbin/$f' -o metadata | xmllint --xpath '//action[@name=\"$action\"]' - >/dev/null 2>&1"
	done
done

note "generated documentation"
need python3
check "man pages and agents/README.md match the meta-data (python3 agents/gen-docs.py)" python3 "$SRC/agents/gen-docs.py" --check
for m in "$SRC"/man/ocf_vigil_*.7 "$SRC"/man/fence_vigil_*.8; do
	warn=$(LC_ALL=C MANWIDTH=80 man --warnings -l "$m" 2>&1 >/dev/null)
	check "${m#"$SRC"/} renders without warnings${warn:+: $warn}" test -z "$warn"
done
