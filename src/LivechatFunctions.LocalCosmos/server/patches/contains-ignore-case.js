"use strict";

// Cosmos DB's CONTAINS takes an optional third argument: true compares without regard to case, which is
// how a case-insensitive substring filter is written there (LOWER never uses the index). The package knows
// only the two-argument form and refuses a third. As in Cosmos DB, a first or second argument that is not a
// string gives undefined (the row does not match), and so does a third that is given but not a boolean.
function patchContainsIgnoreCase() {
  const functions = require("@zeit/cosmosdb-query/lib/builtin-functions");
  const { SyntaxError } = require("@zeit/cosmosdb-query/lib/parser");
  functions.CONTAINS = (...args) => {
    if (args.length < 2 || args.length > 3) {
      throw new SyntaxError("The CONTAINS function requires 2 or 3 argument(s)");
    }
    const [text, part, ignoreCase = false] = args;
    if (typeof text !== "string" || typeof part !== "string" || typeof ignoreCase !== "boolean") {
      return undefined;
    }
    return ignoreCase ? text.toLowerCase().includes(part.toLowerCase()) : text.includes(part);
  };
}

module.exports = patchContainsIgnoreCase;
