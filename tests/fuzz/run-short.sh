#!/bin/sh
# A short libFuzzer run of every fuzz target, for the test suite.
#   run-short.sh SOURCE_DIR FUZZ_BUILD_DIR MAX_SECONDS_PER_TARGET [TARGET...]
# Each target runs a fixed number of inputs (runs_of below, about 20 s each
# on an idle 2-core machine) from a fixed seed, so CI explores exactly the
# inputs a developer's run explores, however fast the machine is; the
# seconds are only an upper bound for a slow machine.
# Configures FUZZ_BUILD_DIR with clang (-DVIGIL_FUZZ=ON) the first time and
# rebuilds it incrementally after that (ccache makes a fresh one cheap), then
# runs each target from its committed seed corpus (fuzz/corpus/NAME) for the
# given time. New inputs go to a scratch corpus, never into the repository.
# Any crash, leak, sanitizer report or broken invariant fails the test, and
# the input that caused it is kept in FUZZ_BUILD_DIR/fuzz-artifacts.
set -eu

if [ $# -lt 3 ]; then
    echo "usage: $0 SOURCE_DIR FUZZ_BUILD_DIR SECONDS [TARGET...]" >&2
    exit 2
fi
src=$1
build=$2
seconds=$3
shift 3
targets=${*:-cib_xml crm_syntax ipc_request cpg_message}

for tool in clang clang++ cmake; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "run-short: $tool is missing (scripts/packages/fuzz.txt installs it)" >&2
        exit 1
    fi
done

generator=""
if [ ! -f "$build/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then
    generator="-G Ninja"
fi
mkdir -p "$build"
# shellcheck disable=SC2086 # $generator is empty or two words
cmake -S "$src" -B "$build" $generator -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DVIGIL_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build/vigil-configure.log" 2>&1 || {
    cat "$build/vigil-configure.log" >&2
    exit 1
}
start=$(date +%s)
set --
for t in $targets; do
    set -- "$@" "fuzz_$t"
done
cmake --build "$build" --target "$@"
echo "run-short: fuzz build took $(($(date +%s) - start)) s"

scratch=$(mktemp -d /tmp/vigil-fuzz-XXXXXX)
trap 'rm -rf "$scratch"' EXIT INT TERM
artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts"

# Inputs per target: about 20 s each here (fuzz/README.md: exec/s).
runs_of() {
    case $1 in
        cib_xml) echo 40000 ;;
        crm_syntax) echo 50000 ;;
        ipc_request) echo 150000 ;;
        cpg_message) echo 300000 ;;
        *) echo 50000 ;;
    esac
}

failed=""
for t in $targets; do
    seeds=$src/fuzz/corpus/$t
    if [ ! -d "$seeds" ]; then
        echo "run-short: no seed corpus $seeds" >&2
        failed="$failed $t"
        continue
    fi
    mkdir -p "$scratch/$t"
    dict=$src/fuzz/dict/xml.dict
    [ "$t" = crm_syntax ] && dict=$src/fuzz/dict/crm.dict
    runs=${VIGIL_FUZZ_RUNS:-$(runs_of "$t")}
    echo "run-short: fuzz_$t, $runs inputs (at most $seconds s)"
    # -timeout: an input taking over 10 s is a hang (reported as a failure).
    # -rss_limit_mb: memory must stay bounded whatever the input.
    # -seed: the test suite explores the same inputs on every run, so a
    # failure reproduces; long runs (fuzz/README.md) use random seeds.
    if "$build/fuzz/fuzz_$t" -seed="${VIGIL_FUZZ_SEED:-1}" -runs="$runs" -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -dict="$dict" -artifact_prefix="$artifacts/$t-" \
        "$scratch/$t" "$seeds" >"$scratch/$t.log" 2>&1; then
        grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|cov:' "$scratch/$t.log" |
            tail -3
    else
        # The cause first (sanitizer or libFuzzer verdict), then the context.
        grep -E '^==[0-9]+==ERROR|^SUMMARY:|^==[0-9]+== ERROR: libFuzzer|deadly signal|^MS:|^artifact_prefix|Test unit written' \
            "$scratch/$t.log" | head -20
        echo "--- last lines of the fuzz_$t log:"
        tail -40 "$scratch/$t.log"
        for a in "$artifacts/$t-"*; do
            [ -f "$a" ] || continue
            echo "--- $a (base64, $(wc -c <"$a") bytes):"
            head -c 4096 "$a" | base64
        done
        echo "run-short: fuzz_$t FAILED (input kept under $artifacts/$t-*)" >&2
        failed="$failed $t"
    fi
done

if [ -n "$failed" ]; then
    echo "run-short: failing targets:$failed" >&2
    exit 1
fi
echo "run-short: all targets ran clean"
