#!/usr/bin/env bash
# Where the app's extra time sits, by sampling: runs the app path and then the bare path of the benchmark in a closed
# loop (--loop), attaches dotnet-trace to each once its JIT has settled (the dotnet-sampled-thread-time profile, about
# 100 samples a second), and prints for each what the loop's thread spent its time in (--profile-summary). The traces
# stay in the directory printed at the end, as .nettrace and .speedscope.json (https://www.speedscope.app opens the
# latter offline too). dotnet-trace comes from NuGet into ~/.cache/livechat-functions/tools the first time.
#
# usage: perf/profile.sh [page: 10 or 100, default 10] [seconds traced per path, default 30]     (about 2 minutes)
set -euo pipefail

page="${1:-10}"
seconds="${2:-30}"
root="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
tools="${HOME}/.cache/livechat-functions/tools"
trace_version="10.0.750501"
out="$(mktemp -d "${TMPDIR:-/tmp}/livechat-profile.XXXXXX")"
pid=""
# A loop left behind would go on loading the machine for its whole run: stop it however this script ends.
stop_loop() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; }
trap stop_loop EXIT
trap 'exit 130' INT TERM
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [[ ! -x "$tools/dotnet-trace" ]]; then
  dotnet tool install dotnet-trace --version "$trace_version" --tool-path "$tools" >/dev/null
fi

dotnet build "$root/perf/LivechatFunctions.Benchmarks" -c Release -v quiet -nologo >"$out/build.log" 2>&1 \
  || { cat "$out/build.log" >&2; exit 1; }
benchmarks="$root/perf/LivechatFunctions.Benchmarks/bin/Release/net10.0/LivechatFunctions.Benchmarks.dll"
duration="$(printf '00:00:%02d:%02d' $((seconds / 60)) $((seconds % 60)))"

for side in app bare; do
  # The loop outlasts the trace, so every sample falls inside it.
  dotnet "$benchmarks" --loop "$side" --page "$page" --seconds $((seconds + 15)) >"$out/$side.log" 2>&1 &
  pid=$!
  # The JIT settles within 40 s (JitSettling's limit); twice that means something is wrong.
  for _ in $(seq 160); do
    grep -q '^ready$' "$out/$side.log" && break
    kill -0 "$pid" 2>/dev/null || { echo "The $side loop stopped before it was ready:" >&2; cat "$out/$side.log" >&2; exit 1; }
    sleep 0.5
  done
  grep -q '^ready$' "$out/$side.log" || { echo "The $side loop was not ready after 80 s." >&2; exit 1; }
  if ! "$tools/dotnet-trace" collect -p "$pid" --profile dotnet-sampled-thread-time --format Speedscope \
    --duration "$duration" -o "$out/$side.nettrace" >"$out/$side.trace.log" 2>&1; then
    echo "dotnet-trace did not record the $side loop:" >&2
    cat "$out/$side.trace.log" >&2
    exit 1
  fi
  wait "$pid" || { echo "The $side loop failed:" >&2; cat "$out/$side.log" >&2; exit 1; }
  pid=""
  tail -n 1 "$out/$side.log"
  per_request="$(tail -n 1 "$out/$side.log" | sed -E 's/.*, ([0-9.]+) µs each$/\1/')"
  dotnet "$benchmarks" --profile-summary "$out/$side.speedscope.json" "$per_request"
done

echo "Traces: $out"
