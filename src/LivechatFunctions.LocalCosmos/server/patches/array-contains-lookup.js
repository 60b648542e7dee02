"use strict";

// ARRAY_CONTAINS(@ids, c._id) in the package walks the whole list for every document: with a list of 10,000 ids
// over a partition of 60,000 documents that is 600 million comparisons per query, where Cosmos DB answers from
// its index. A list of plain values (strings, numbers, booleans, null) is looked up in a set instead, built once
// per list: the parameter's array is one object for the whole query run. Lists holding objects or arrays, and
// the partial-match form, keep the package's own walk.
const PLAIN = new Set(["string", "number", "boolean"]);
const isPlain = value => value === null || PLAIN.has(typeof value);

function patchArrayContainsLookup() {
  const functions = require("@zeit/cosmosdb-query/lib/builtin-functions");
  const original = functions.ARRAY_CONTAINS;
  const lookups = new WeakMap();
  functions.ARRAY_CONTAINS = (...args) => {
    const [list, value, partial] = args;
    if (args.length !== 2 && !(args.length === 3 && partial === false)) {
      return original(...args);
    }
    if (!Array.isArray(list) || !isPlain(value)) {
      return original(...args);
    }
    let lookup = lookups.get(list);
    if (lookup === undefined) {
      lookup = list.every(isPlain) ? new Set(list) : null;
      lookups.set(list, lookup);
    }
    return lookup === null ? original(...args) : lookup.has(value);
  };
}

module.exports = patchArrayContainsLookup;
