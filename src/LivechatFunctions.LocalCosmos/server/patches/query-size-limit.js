"use strict";

// Cosmos DB refuses a query whose text and parameter values together pass 512 KB (524,288 characters) with
// 400; the package runs any size. Here the size is the query text plus each parameter's name and its value
// as JSON text, so a list of ids in a parameter counts as Cosmos DB counts it.
const MAX_QUERY_CHARACTERS = 524288;

function sizeOf(params) {
  let size = typeof params.query === "string" ? params.query.length : 0;
  for (const parameter of params.parameters || []) {
    size += String(parameter.name).length + (JSON.stringify(parameter.value) ?? "").length;
  }
  return size;
}

function patchQuerySizeLimit() {
  const Items = require("@vercel/cosmosdb-server/lib/account/items").default;
  const query = Items.prototype.query;
  Items.prototype.query = function queryWithinSizeLimit(params, options) {
    const size = sizeOf(params);
    if (size > MAX_QUERY_CHARACTERS) {
      const error = new Error(
        `The SQL query text and parameters are ${size} characters, more than the ${MAX_QUERY_CHARACTERS} allowed.`);
      error.badRequest = true;
      throw error;
    }
    return query.call(this, params, options);
  };
}

module.exports = patchQuerySizeLimit;
