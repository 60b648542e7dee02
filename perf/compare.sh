#!/usr/bin/env bash
# Before and after, on a machine too noisy for one run of each: builds the benchmark from a base commit (in a
# temporary worktree) and from the working tree, then alternates their --quick runs, base first, for a number of
# pairs. Each run prints the in-process time table; this prints every run's rows, then per case and side the median
# over runs of "app - bare" CPU microseconds and of the wall-clock ratio. A process's own draw (how the JIT laid the
# code out, what else the machine was doing) moves a case by 20 to 30 microseconds, so a change smaller than that
# needs more pairs, and one that stays inside the spread of the runs is not a measured gain.
#
# usage: perf/compare.sh <base-commit> [pairs, default 3]     (about 4 minutes a pair)
# The base must have the table's current layout: commits from b8b7dfc on. COMPARE_ROUNDS=N gives each run N rounds
# instead of 7 (--rounds); a base older than the commit that added --rounds runs 7 whatever it is given.
set -euo pipefail

base="${1:?usage: perf/compare.sh <base-commit> [pairs]}"
pairs="${2:-3}"
rounds=()
if [[ -n "${COMPARE_ROUNDS:-}" ]]; then
  [[ "$COMPARE_ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "COMPARE_ROUNDS must be a whole number of rounds, at least 1." >&2; exit 2; }
  rounds=(--rounds "$COMPARE_ROUNDS")
fi
root="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
work="$(mktemp -d)"
cleanup() {
  git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
git -C "$root" worktree add --detach "$work/base" "$base" >/dev/null
modified=""
[[ -n "$(git -C "$root" status --porcelain)" ]] && modified=" (with uncommitted changes)"
printf 'base %s against the working tree at %s%s, %s pairs, %s rounds a run\n' \
  "$(git -C "$root" rev-parse --short "$base")" "$(git -C "$root" rev-parse --short HEAD)" "$modified" "$pairs" "${COMPARE_ROUNDS:-7}"

for tree in "$work/base" "$root"; do
  if ! dotnet build "$tree/perf/LivechatFunctions.Benchmarks" -c Release -v quiet -nologo >"$work/build.log" 2>&1; then
    echo "The benchmark did not build in $tree:" >&2
    cat "$work/build.log" >&2
    exit 1
  fi
done

# The time table is the one with 12 columns: page, chats, app wall, bare wall, wall ratio, app CPU, bare CPU,
# app - bare CPU, CPU ratio, app KB, bare KB, app - bare KB.
for pair in $(seq "$pairs"); do
  for side in base head; do
    tree="$root"
    [[ "$side" == base ]] && tree="$work/base"
    # A run that fails (its store call check, say) stops the comparison and shows what it printed.
    if ! dotnet "$tree/perf/LivechatFunctions.Benchmarks/bin/Release/net10.0/LivechatFunctions.Benchmarks.dll" --quick "${rounds[@]}" >"$work/run.log" 2>&1; then
      echo "The $side run of pair $pair failed:" >&2
      cat "$work/run.log" >&2
      exit 1
    fi
    awk -F'|' -v side="$side" -v pair="$pair" \
      'NF == 14 && $2 ~ /[0-9]/ { gsub(/ /, ""); print side, pair, $2, $3, $9, $6, $13 }' "$work/run.log" >"$work/run.rows"
    # Four cases a run: a run without them (an older table layout, say) would make every median below wrong.
    if [[ "$(wc -l <"$work/run.rows")" -ne 4 ]]; then
      echo "The $side run of pair $pair printed $(wc -l <"$work/run.rows") rows of the time table, not 4: is the base older than b8b7dfc?" >&2
      exit 1
    fi
    cat "$work/run.rows" >>"$work/rows"
  done
done

echo
echo "| side | pair | page | visitor's chats | app - bare CPU us | wall ratio | app - bare KB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
sort -k3,3n -k4,4n -k1,1 -k2,2n "$work/rows" | awk '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }'

echo
echo "| page | visitor's chats | base: median app - bare CPU us | head: median app - bare CPU us | base: median wall ratio | head: median wall ratio |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
awk '{ print $3, $4 }' "$work/rows" | sort -u -k1,1n -k2,2n | while read -r page chats; do
  pick() { awk -v s="$1" -v p="$page" -v c="$chats" -v col="$2" '$1 == s && $3 == p && $4 == c { print $col }' "$work/rows" | median; }
  printf '| %s | %s | %s | %s | %s | %s |\n' "$page" "$chats" \
    "$(pick base 5)" "$(pick head 5)" "$(pick base 6)" "$(pick head 6)"
done
