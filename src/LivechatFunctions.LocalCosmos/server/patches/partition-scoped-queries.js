"use strict";

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

module.exports = patchPartitionScopedQueries;
