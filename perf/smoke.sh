#!/usr/bin/env bash
# CI smoke for the performance tools: builds and format-checks both, then runs each briefly, failing on a wrong answer,
# a store call the bare path does not make too, or any error under load. The figures mean nothing at that length.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Debug by default: a smoke checks that the tools work, not how fast, and CI has built src in Debug already.
configuration="${PERF_CONFIGURATION:-Debug}"
step() { printf '\n== perf: %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }
started=$(date +%s)

step "Build (${configuration})"
# Warnings are already errors (Directory.Build.props); the generated extensions project quiets its own NU1603.
dotnet build perf/LivechatFunctions.Perf.slnx -c "$configuration"

step "Format"
# Only the tools' own files: the app's are checked by CI's own format step.
dotnet format perf/LivechatFunctions.Perf.slnx --verify-no-changes --no-restore --include perf/

step "Benchmark smoke (the store call check, no BenchmarkDotNet)"
dotnet run -c "$configuration" --no-build --project perf/LivechatFunctions.Benchmarks -- --smoke

step "Load smoke (livechat-local, 4 connections, 2 s per row)"
dotnet run -c "$configuration" --no-build --project perf/LivechatFunctions.Load -- --seconds 2 --warmup 1 --concurrency 4

step "Growth smoke (a visitor with 10 chats, 2 requests a row)"
dotnet run -c "$configuration" --no-build --project perf/LivechatFunctions.Load -- --growth --sizes 10 --requests 2

step "Done in $(( $(date +%s) - started )) s"
