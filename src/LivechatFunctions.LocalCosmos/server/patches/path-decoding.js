"use strict";

// The route matcher decodes each path segment with decodeURIComponent, which throws on
// an escape of invalid UTF-8 (for example a document id "r%ED%A0%80"); the exception is
// not caught and takes the whole server down. Cosmos DB answers such a request without
// falling over, so treat a segment that cannot be decoded as a path no route matches.
// Like the missing-document patch, this must run before the routes are built.
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

module.exports = patchPathDecoding;
