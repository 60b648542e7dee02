"use strict";

// The query engine compiles FROM c into a reduce that spreads the rows so far into a new array for every document:
// quadratic in the partition's size. Over 60,000 documents (one visitor with 30,000 chats and their messages) one
// query took over a minute, where Cosmos DB answers from its index. The compiled code is rewritten here to the same
// rows built in one pass (each defined document wrapped under its alias, in order). Only that exact shape is
// rewritten; any other code runs as compiled.
const SPREAD_FROM = /\$c\.reduce\(\(\$, (\w+)\) => typeof \1 !== "undefined" \? \[\.\.\.\$, \{\s*\1: \1\s*\}\] : \$, \[\]\)/g;

function patchLinearFromClause() {
  const queryModule = require("@zeit/cosmosdb-query");
  const prototype = Object.getPrototypeOf(queryModule.default("SELECT * FROM c"));
  const compiled = Object.getOwnPropertyDescriptor(prototype, "code");
  Object.defineProperty(prototype, "code", {
    configurable: true,
    get() {
      if (this._linearCode === undefined) {
        this._linearCode = compiled.get.call(this).replace(
          SPREAD_FROM,
          (_, alias) => `$c.filter(${alias} => typeof ${alias} !== "undefined").map(${alias} => ({ ${alias}: ${alias} }))`);
      }
      return this._linearCode;
    }
  });
}

module.exports = patchLinearFromClause;
