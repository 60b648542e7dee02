"use strict";

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

module.exports = patchQueryCache;
