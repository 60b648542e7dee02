"use strict";

// Cosmos DB serves ORDER BY from the index only, and refuses a query the container's indexing policy cannot
// serve with 400: one item needs its path under an included range path (and not under a more specific
// excluded one); two or more need a composite index of the same paths in the same order, each in the
// order asked or every one reversed (an index [a ASC, b ASC] serves a DESC, b DESC). The package sorts on
// anything, and matches a composite index only in the exact order. A container created without a policy
// has Cosmos DB's default, every path included.
//
// The sort runs inside a collection's query, synchronously, so the policy of the collection being queried
// is held for the length of that call.
let currentPolicy;

const segmentsOf = path => path.split("/").filter(segment => segment.length > 0);

// How specifically a policy path (/a/b/?, /a/*, /*) covers the document path /a/b: the number of segments
// it matches, a scalar ending (?) counting above a wildcard; -1 when it does not cover it.
function coverage(policyPath, documentSegments) {
  const segments = segmentsOf(policyPath);
  const last = segments[segments.length - 1];
  const prefix = last === "?" || last === "*" ? segments.slice(0, -1) : segments;
  if (prefix.length > documentSegments.length || !prefix.every((segment, i) => segment === documentSegments[i])) {
    return -1;
  }
  if (last === "?") {
    return prefix.length === documentSegments.length ? 2 * prefix.length + 1 : -1;
  }
  return last === "*" ? 2 * prefix.length : -1;
}

function isRangeIndexed(policy, documentSegments) {
  const excluded = (policy.excludedPaths || []).map(p => p.path);
  const included = (policy.includedPaths || []).map(p => p.path);
  // The root is included unless the policy excludes it.
  if (!excluded.includes("/*") && !included.includes("/*")) {
    included.push("/*");
  }
  const best = paths => Math.max(-1, ...paths.map(path => coverage(path, documentSegments)));
  const include = best(included);
  return include >= 0 && include > best(excluded);
}

function hasCompositeIndex(policy, orders) {
  return (policy.compositeIndexes || []).some(index => {
    if (index.length !== orders.length) {
      return false;
    }
    const matches = reversed => index.every((entry, i) => {
      const [keys, descending] = orders[i];
      const entryDescending = entry.order === "descending";
      return entry.path === `/${keys.slice(1).join("/")}` && entryDescending === (reversed ? !descending : descending);
    });
    return matches(false) || matches(true);
  });
}

function checkServedByIndex(policy, orders) {
  if (!policy) {
    return;
  }
  if (orders.length === 1) {
    const [keys] = orders[0];
    if (!isRangeIndexed(policy, keys.slice(1))) {
      throw new Error("Order-by item requires a range index to be defined on the corresponding index path.");
    }
    return;
  }
  if (!hasCompositeIndex(policy, orders)) {
    throw new Error("The order by query does not have a corresponding composite index that it can be served from.");
  }
}

function patchIndexedOrderBy() {
  const Items = require("@vercel/cosmosdb-server/lib/account/items").default;
  const query = Items.prototype.query;
  Items.prototype.query = function queryWithIndexingPolicy(params, options) {
    const outer = currentPolicy;
    currentPolicy = (this._parent.read() || {}).indexingPolicy;
    try {
      return query.call(this, params, options);
    } finally {
      currentPolicy = outer;
    }
  };

  const helpers = require("@zeit/cosmosdb-query/lib/helpers");
  const sort = helpers.sort;
  helpers.sort = (collection, getRid, compositeIndexes, ...orders) => {
    if (orders.length > 0) {
      checkServedByIndex(currentPolicy, orders);
    }
    // Checked here, in both directions: the package's own check knows only the exact order.
    return sort(collection, getRid, null, ...orders);
  };
}

module.exports = patchIndexedOrderBy;
