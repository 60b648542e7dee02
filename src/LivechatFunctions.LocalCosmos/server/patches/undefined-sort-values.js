"use strict";

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

module.exports = patchSingleFieldOrderBy;
