"use strict";

// The package crashes (TypeError -> 500) on a point read of a missing document
// because it dereferences the document before checking that it exists. Real
// Cosmos DB answers 404, and code under test branches on that, so answer 404
// here before the original handler gets the chance to crash.
//
// The route table copies each handler reference when lib/routes.js is first
// loaded, so this must run before anything requires the package's index.
function patchReadDocument() {
  const routesPath = require.resolve("@vercel/cosmosdb-server/lib/routes");
  if (require.cache[routesPath]) {
    throw new Error("cosmosdb-server routes were loaded before the read-document patch");
  }

  const readDocument = require("@vercel/cosmosdb-server/lib/handler/read-document");
  const partitionHeader = require("@vercel/cosmosdb-server/lib/utils/get-partition-from-header");
  const original = readDocument.default;

  const isMissingDocument = (account, req, { dbId, collId, docId }) => {
    const collection = account.database(dbId).collection(collId);
    if (!collection.read()) {
      return false; // the original already answers 404 for a missing container
    }
    const header = partitionHeader.default(req);
    if (header === undefined) {
      return false; // leave requests we do not understand to the original
    }
    let partitionKey;
    try {
      partitionKey = partitionHeader.parsePartitionKey(header, docId);
    } catch {
      return false;
    }
    return !collection.document(docId, partitionKey).read();
  };

  readDocument.default = (account, req, res, params) => {
    if (isMissingDocument(account, req, params)) {
      res.statusCode = 404;
      return {
        code: "NotFound",
        message: "Entity with the specified id does not exist in the system."
      };
    }
    return original(account, req, res, params);
  };
}

module.exports = patchReadDocument;
