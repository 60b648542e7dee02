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

function usage(message) {
  process.stderr.write(
    `${message}\nusage: node launcher.js [--port N] [--parent-pid PID] [--ignore-stdin]\n`
  );
  process.exit(2);
}

function parseInteger(name, text, min, max) {
  const value = Number(text);
  if (text === undefined || text === "" || !Number.isInteger(value) || value < min || value > max) {
    usage(`invalid ${name}: ${text}`);
  }
  return value;
}

function parseArgs(argv) {
  const args = { port: undefined, parentPid: undefined, ignoreStdin: false };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inlineValue] = argv[i].split(/=(.*)/s, 2);
    const takeValue = () => (inlineValue !== undefined ? inlineValue : argv[++i]);
    switch (flag) {
      case "-p":
      case "--port":
        args.port = parseInteger("port", takeValue(), 0, 65535);
        break;
      case "--parent-pid":
        args.parentPid = parseInteger("parent pid", takeValue(), 1, 2 ** 31 - 1);
        break;
      case "--ignore-stdin":
        args.ignoreStdin = true;
        break;
      default:
        usage(`unknown argument: ${argv[i]}`);
    }
  }
  if (args.port === undefined) {
    const fromEnv = process.env.LIVECHAT_COSMOS_PORT;
    args.port = fromEnv ? parseInteger("LIVECHAT_COSMOS_PORT", fromEnv, 0, 65535) : 0;
  }
  return args;
}

// The package crashes (TypeError -> 500) on a point read of a missing document
// because it dereferences the document before checking that it exists. Real
// Cosmos DB answers 404, and code under test branches on that, so answer 404
// here before the original handler gets the chance to crash.
//
// The route table copies each handler reference when lib/routes.js is first
// loaded, so this must run before anything requires the package's index.
function patchReadDocument() {
  const routesPath = require.resolve("@vercel/cosmosdb-server/lib/routes");
  if (require.cache[routesPath]) {
    throw new Error("cosmosdb-server routes were loaded before the read-document patch");
  }

  const readDocument = require("@vercel/cosmosdb-server/lib/handler/read-document");
  const partitionHeader = require("@vercel/cosmosdb-server/lib/utils/get-partition-from-header");
  const original = readDocument.default;

  const isMissingDocument = (account, req, { dbId, collId, docId }) => {
    const collection = account.database(dbId).collection(collId);
    if (!collection.read()) {
      return false; // the original already answers 404 for a missing container
    }
    const header = partitionHeader.default(req);
    if (header === undefined) {
      return false; // leave requests we do not understand to the original
    }
    let partitionKey;
    try {
      partitionKey = partitionHeader.parsePartitionKey(header, docId);
    } catch {
      return false;
    }
    return !collection.document(docId, partitionKey).read();
  };

  readDocument.default = (account, req, res, params) => {
    if (isMissingDocument(account, req, params)) {
      res.statusCode = 404;
      return {
        code: "NotFound",
        message: "Entity with the specified id does not exist in the system."
      };
    }
    return original(account, req, res, params);
  };
}

// The query engine drops documents that lack the field of a single-field ORDER BY.
// Real Cosmos DB stopped doing that in 2022: it returns them, ordered as the lowest
// value (first ascending, last descending), and the endpoint's contract relies on it.
// The engine's comparator already ranks undefined lowest; only its final filter is
// wrong. Sorting by the same key twice takes the multi-key path, which keeps every
// document (no composite-index check is needed for a key repeated on itself).
function patchSingleFieldOrderBy() {
  const helpers = require("@zeit/cosmosdb-query/lib/helpers");
  const original = helpers.sort;
  helpers.sort = (collection, getRid, compositeIndexes, ...orders) =>
    orders.length === 1
      ? original(collection, getRid, null, orders[0], orders[0])
      : original(collection, getRid, compositeIndexes, ...orders);
}

// The query engine cannot parse OFFSET ... LIMIT, which Cosmos DB has: a page at offset
// 1,000 would otherwise have to bring its 1,000 skipped rows over the wire. A query that
// ends with the clause runs here without it, and the skip and take are applied to its
// ordered results, as Cosmos DB applies them after ORDER BY. Where the query's SELECT has
// no DISTINCT and no aggregate (whose one row a TOP would starve of input), it runs as a
// TOP of offset + limit rows, so the engine finishes (projects, copies) only the rows it
// could return, as it does for a TOP: without that, a page at 10,000 chats cost the server
// about 2.5 times as long. Both amounts may be literals or parameters and must be whole
// numbers of zero or more (Cosmos DB refuses others). The clause's results come back in
// one response: asking to page through them (a continuation, or a page size smaller than
// the limit), or combining the clause with a TOP, is refused with 400 rather than
// answered by a guess.
const OFFSET_LIMIT = /\s+OFFSET\s+(@\w+|\d+)\s+LIMIT\s+(@\w+|\d+)\s*$/i;
const SELECT_TOP = /^\s*SELECT\s+TOP\b/i;
const PLAIN_SELECT = /^\s*SELECT\s+(?!DISTINCT\b)/i;
const AGGREGATE = /\b(COUNT|SUM|MIN|MAX|AVG)\s*\(/i;
const TOP_PARAMETER = "@livechatOffsetPlusLimit";

function patchOffsetLimit() {
  const queryModule = require("@zeit/cosmosdb-query");
  const createQuery = queryModule.default;

  const badRequest = message => Object.assign(new Error(message), { badRequest: true });
  const amount = (text, parameters, clause) => {
    let value = Number(text);
    if (text.startsWith("@")) {
      const parameter = (parameters || []).find(p => p.name === text);
      if (!parameter) {
        throw badRequest(`${clause}: parameter ${text} was not given`);
      }
      value = parameter.value;
    }
    if (!Number.isSafeInteger(value) || value < 0) {
      throw badRequest(`${clause} must be a whole number of zero or more`);
    }
    return value;
  };

  queryModule.default = sql => {
    const clause = OFFSET_LIMIT.exec(sql);
    if (!clause) {
      return createQuery(sql);
    }
    const head = sql.slice(0, clause.index);
    if (SELECT_TOP.test(head)) {
      // The engine's own syntax error, which the server answers with 400.
      throw new queryModule.SyntaxError("the local server does not combine TOP with OFFSET LIMIT", null, null, null);
    }
    const select = AGGREGATE.test(head) ? null : PLAIN_SELECT.exec(head);
    const inner = createQuery(select ? `SELECT TOP ${TOP_PARAMETER} ${head.slice(select[0].length)}` : head);
    return {
      get ast() {
        return inner.ast;
      },
      containsPartitionKeys: paths => inner.containsPartitionKeys(paths),
      exec(collection, options = {}) {
        const offset = amount(clause[1], options.parameters, "OFFSET");
        const limit = amount(clause[2], options.parameters, "LIMIT");
        if (options.continuation) {
          throw badRequest("the local server cannot continue an OFFSET LIMIT query");
        }
        if (options.maxItemCount > 0 && options.maxItemCount < limit) {
          throw badRequest("the local server answers an OFFSET LIMIT query in one page: ask for at least LIMIT items");
        }
        const parameters = select
          ? [...(options.parameters || []), { name: TOP_PARAMETER, value: offset + limit }]
          : options.parameters;
        const all = inner.exec(collection, { ...options, parameters, maxItemCount: null, continuation: null });
        return { result: all.result.slice(offset, offset + limit), continuation: null };
      }
    };
  };
}

// The collection keeps the queries it runs by their text, but the handler's check that a
// query names its partition key parses the text again on every request, with a generated
// parser: 3.8 ms for the app's page query, measured in node, against 0.3 ms to run it over
// 200 documents. That was about 40% of the server's CPU per page query under the load tool.
// A parsed query does not depend on the parameters it is later run with, so keep it by its
// text, as Cosmos DB keeps compiled queries. Only the most recent texts are kept: an app
// that writes values into its SQL would otherwise fill the cache without end.
const QUERY_CACHE_TEXTS = 256;

function patchQueryCache() {
  const queryModule = require("@zeit/cosmosdb-query");
  const createQuery = queryModule.default;
  const cache = new Map();
  queryModule.default = sql => {
    let query = cache.get(sql);
    if (query) {
      // Most recent last, so the oldest text is the one dropped.
      cache.delete(sql);
    } else {
      // A text that does not parse throws here and is never kept.
      query = createQuery(sql);
      if (cache.size >= QUERY_CACHE_TEXTS) {
        cache.delete(cache.keys().next().value);
      }
    }
    cache.set(sql, query);
    return query;
  };
}

// A query sent with a partition key reads that partition only, in Cosmos DB. The package
// runs every query over every document of the container instead: a visitor's page cost
// as much as running it over every visitor's chats and messages, and a query whose WHERE
// named another partition than its header would find that partition's documents, where
// Cosmos DB finds none. Here a query with a partition key runs over that partition's
// documents alone. Each container keeps its documents' ids by partition as they are
// written, so a query does not look at other partitions' documents at all: picking them
// out with a pass over the container cost more than the page query itself (timed in node
// over the 900 demo documents: 296 to 360 µs for the pass, 107 to 120 µs for the query).
// The header is read in the handler and carried to the collection through the request's
// async context, because the handler awaits its body in between. Like the read-document
// patch, this must run before the routes are built.
function patchPartitionScopedQueries() {
  const routesPath = require.resolve("@vercel/cosmosdb-server/lib/routes");
  if (require.cache[routesPath]) {
    throw new Error("cosmosdb-server routes were loaded before the partition-scoped query patch");
  }

  const { AsyncLocalStorage } = require("async_hooks");
  const queryDocuments = require("@vercel/cosmosdb-server/lib/handler/query-documents");
  const partitionHeader = require("@vercel/cosmosdb-server/lib/utils/get-partition-from-header");
  const Items = require("@vercel/cosmosdb-server/lib/account/items").default;
  const requestPartition = new AsyncLocalStorage();

  // The partition a header names: a plain value, null (PartitionKey.Null: documents whose key
  // is null) or {} (PartitionKey.None: documents without the key). Anything else (a
  // hierarchical key, an unreadable header, none at all) is left to the package, unscoped.
  const NOT_ONE_PARTITION = Symbol("not one partition");
  const partitionOf = req => {
    const header = partitionHeader.default(req);
    let parsed;
    try {
      parsed = header === undefined ? undefined : JSON.parse(header);
    } catch {
      return NOT_ONE_PARTITION;
    }
    const values = Array.isArray(parsed) ? parsed : [parsed];
    if (header === undefined || values.length !== 1) {
      return NOT_ONE_PARTITION;
    }
    const [value] = values;
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) {
      return value;
    }
    const isNone = typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0;
    return isNone ? undefined : NOT_ONE_PARTITION;
  };

  const handle = queryDocuments.default;
  queryDocuments.default = (account, req, res, params) => {
    const partitionKey = partitionOf(req);
    return partitionKey === NOT_ONE_PARTITION
      ? handle(account, req, res, params)
      : requestPartition.run({ partitionKey }, () => handle(account, req, res, params));
  };

  // Per container, the ids (_rid) of its documents by partition key value, in the order the
  // container holds them. Every write ends in _set (create, replace, upsert, patch) and every
  // removal in delete; a replace is a delete and a _set of the same _rid, so the document moves
  // to the end here as it does in the container. A key that is an object or an array names no
  // partition a header can (and each write would parse a new one), so such documents are left out.
  const ridsByPartition = new WeakMap();
  const keyable = key => key === null || typeof key !== "object";
  const set = Items.prototype._set;
  Items.prototype._set = function setAndKeepPartition(data) {
    const result = set.call(this, data);
    const key = this._getPartition(data);
    if (!keyable(key)) {
      return result;
    }
    let partitions = ridsByPartition.get(this);
    if (!partitions) {
      partitions = new Map();
      ridsByPartition.set(this, partitions);
    }
    let rids = partitions.get(key);
    if (!rids) {
      rids = new Set();
      partitions.set(key, rids);
    }
    rids.add(data._rid);
    return result;
  };

  const remove = Items.prototype.delete;
  Items.prototype.delete = function deleteAndForgetPartition(idOrRid, partition) {
    const data = this._item("/id", idOrRid, partition).read();
    const result = remove.call(this, idOrRid, partition);
    const partitions = data ? ridsByPartition.get(this) : undefined;
    if (partitions) {
      const key = this._getPartition(data);
      const rids = keyable(key) ? partitions.get(key) : undefined;
      rids?.delete(data._rid);
      if (rids?.size === 0) {
        partitions.delete(key);
      }
    }
    return result;
  };

  const query = Items.prototype.query;
  Items.prototype.query = function queryOnePartition(params, options) {
    const scope = requestPartition.getStore();
    if (!scope) {
      return query.call(this, params, options);
    }
    const all = this._data;
    const partition = new Map();
    for (const rid of ridsByPartition.get(this)?.get(scope.partitionKey) ?? []) {
      const item = all.get(rid);
      if (item) {
        partition.set(rid, item);
      }
    }
    // The original query is synchronous: no other request can see the narrowed view.
    this._data = partition;
    try {
      return query.call(this, params, options);
    } finally {
      this._data = all;
    }
  };
}

// The route matcher decodes each path segment with decodeURIComponent, which throws on
// an escape of invalid UTF-8 (for example a document id "r%ED%A0%80"); the exception is
// not caught and takes the whole server down. Cosmos DB answers such a request without
// falling over, so treat a segment that cannot be decoded as a path no route matches.
// Like the read-document patch, this must run before the routes are built.
function patchPathDecoding() {
  const pathMatch = require("@vercel/cosmosdb-server/lib/path-match");
  const original = pathMatch.default;
  pathMatch.default = (path, opts) => {
    const match = original(path, opts);
    return (pathname) => {
      try {
        return match(pathname);
      } catch (error) {
        if (error instanceof URIError) {
          return undefined;
        }
        throw error;
      }
    };
  };
}

function main() {
  const args = parseArgs(process.argv.slice(2));

  patchPathDecoding();
  patchReadDocument();
  patchPartitionScopedQueries();
  patchSingleFieldOrderBy();
  patchOffsetLimit();
  // After the OFFSET LIMIT patch, so what is kept is the query as that patch serves it.
  patchQueryCache();
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
