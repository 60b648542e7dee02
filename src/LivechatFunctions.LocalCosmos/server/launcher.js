#!/usr/bin/env node
// Starts @vercel/cosmosdb-server on 127.0.0.1 for tests and local runs.
//
// Usage: node launcher.js [--port N] [--parent-pid PID] [--ignore-stdin]
//   --port N         port to listen on; 0 (the default) picks a free one.
//                    The LIVECHAT_COSMOS_PORT environment variable is used
//                    when --port is absent.
//   --parent-pid PID exit once that process is gone (checked every second).
//   --ignore-stdin   do not exit when stdin closes (for shells that start
//                    background jobs with stdin on /dev/null).
//
// Once listening it prints exactly one line to stdout that callers wait for:
//   cosmosdb-server listening on https://127.0.0.1:PORT/
// Everything else (diagnostics, request errors) goes to stderr.
"use strict";

const HOST = "127.0.0.1";
const PARENT_POLL_MS = 1000;
const FORCED_EXIT_MS = 2000;
const KEEP_ALIVE_MS = 120000;

const { parseArgs } = require("./command-line");

// Each patch supplies one Cosmos DB behaviour the package lacks (server/patches/). Patches that replace a
// request handler must run before the package's routes are built, that is before its index is required.
function applyPatches() {
  require("./patches/path-decoding")();
  require("./patches/missing-document-404")();
  require("./patches/partition-scoped-queries")();
  require("./patches/undefined-sort-values")();
  // Checks the index first, then lets ties fall in a fresh order: both wrap the engine's sort.
  require("./patches/indexed-order-by")();
  require("./patches/tied-row-order")();
  require("./patches/contains-ignore-case")();
  require("./patches/array-contains-lookup")();
  require("./patches/linear-result-copy")();
  require("./patches/linear-from-clause")();
  require("./patches/query-size-limit")();
  require("./patches/offset-limit")();
  require("./patches/distinct")();
  // After the query rewrites, so what is kept is the query as they serve it.
  require("./patches/parsed-query-cache")();
  // Last: it replaces the route lookup, so the routes must already hold the patched handlers.
  require("./patches/master-key-auth")();
}

function main() {
  const args = parseArgs(process.argv.slice(2));

  applyPatches();
  const { createHttpsServer } = require("@vercel/cosmosdb-server");
  // By default the package answers every request with "connection: close", so the SDK pays
  // a TLS handshake per call (measured: ~8 ms vs ~1.3 ms per point read). Keep connections
  // open, and for longer than .NET's pooled-connection idle timeout (60 s), so the client is
  // always the side that retires an idle connection and never sends on one we just closed.
  const server = createHttpsServer({ keepAlive: true });
  server.keepAliveTimeout = KEEP_ALIVE_MS;

  let stopping = false;
  const stop = (reason, exitCode = 0) => {
    if (stopping) {
      return;
    }
    stopping = true;
    process.stderr.write(`cosmosdb-server stopping: ${reason}\n`);
    // A client holding a connection open must not keep us alive.
    setTimeout(() => process.exit(exitCode), FORCED_EXIT_MS).unref();
    server.close(() => process.exit(exitCode));
    server.closeAllConnections();
  };

  server.on("error", err => {
    process.stderr.write(`cosmosdb-server failed: ${err.stack || err}\n`);
    process.exit(1);
  });

  server.listen(args.port, HOST, () => {
    const { port } = server.address();
    process.stdout.write(`cosmosdb-server listening on https://${HOST}:${port}/\n`);
  });

  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  // A parent that is killed cannot send a signal, but its end of our stdin
  // pipe closes with it; that is the primary way this server dies with it.
  if (!args.ignoreStdin) {
    process.stdin.on("end", () => stop("stdin closed"));
    process.stdin.on("close", () => stop("stdin closed"));
    process.stdin.on("error", () => stop("stdin error"));
    process.stdin.resume();
  }

  // Without a reader, writing the ready line would fail with EPIPE.
  process.stdout.on("error", () => stop("stdout closed"));

  // Second guard, for a parent that passed stdin on to someone else.
  if (args.parentPid !== undefined) {
    setInterval(() => {
      try {
        process.kill(args.parentPid, 0);
      } catch (err) {
        if (err.code === "ESRCH") {
          stop(`parent process ${args.parentPid} is gone`);
        }
        // EPERM means it exists but belongs to someone else: keep running.
      }
    }, PARENT_POLL_MS).unref();
  }
}

main();
