"use strict";

// Cosmos DB has SELECT DISTINCT; the package cannot parse it. A query that starts with it runs here without
// the keyword and its rows are then made unique (two rows are the same when their JSON is), in the order
// they came. Its results come back in one response, as with OFFSET LIMIT: asking to continue them, or
// combining DISTINCT with TOP or OFFSET LIMIT (whose count would be taken before the rows are made unique),
// is refused with 400 rather than answered by a guess.
const SELECT_DISTINCT = /^\s*SELECT\s+DISTINCT\s+/i;
const TOP = /^TOP\b/i;
const OFFSET_LIMIT = /\bOFFSET\s+(@\w+|\d+)\s+LIMIT\s+(@\w+|\d+)\s*$/i;

function patchDistinct() {
  const queryModule = require("@zeit/cosmosdb-query");
  const createQuery = queryModule.default;
  const badRequest = message => Object.assign(new Error(message), { badRequest: true });

  queryModule.default = sql => {
    const select = SELECT_DISTINCT.exec(sql);
    if (!select) {
      return createQuery(sql);
    }
    const rest = sql.slice(select[0].length);
    if (TOP.test(rest) || OFFSET_LIMIT.test(rest)) {
      throw new queryModule.SyntaxError("the local server does not combine DISTINCT with TOP or OFFSET LIMIT", null, null, null);
    }
    const inner = createQuery(`SELECT ${rest}`);
    return {
      get ast() {
        return inner.ast;
      },
      containsPartitionKeys: paths => inner.containsPartitionKeys(paths),
      exec(collection, options = {}) {
        if (options.continuation) {
          throw badRequest("the local server cannot continue a DISTINCT query");
        }
        const all = inner.exec(collection, { ...options, maxItemCount: null, continuation: null });
        const seen = new Set();
        const unique = all.result.filter(row => {
          const key = JSON.stringify(row) ?? "undefined";
          if (seen.has(key)) {
            return false;
          }
          seen.add(key);
          return true;
        });
        return { result: unique, continuation: null };
      }
    };
  };
}

module.exports = patchDistinct;
