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
  until grep -q '^ready$' "$out/$side.log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$out/$side.log" >&2; exit 1; }
    sleep 0.5
  done
  "$tools/dotnet-trace" collect -p "$pid" --profile dotnet-sampled-thread-time --format Speedscope \
    --duration "$duration" -o "$out/$side.nettrace" >"$out/$side.trace.log" 2>&1
  wait "$pid"
  tail -n 1 "$out/$side.log"
  per_request="$(tail -n 1 "$out/$side.log" | sed -E 's/.*, ([0-9.]+) µs each$/\1/')"
  dotnet "$benchmarks" --profile-summary "$out/$side.speedscope.json" "$per_request"
done

echo "Traces: $out"
