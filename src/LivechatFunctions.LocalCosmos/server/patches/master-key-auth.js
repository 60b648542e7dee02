"use strict";

// Cosmos DB refuses a request whose authorization does not prove the account key; the package takes every
// request. Here each routed request must carry a master-key token (type=master&ver=1.0&sig=...) whose
// signature is the HMAC-SHA256, under the emulator's published key, of
//   verb \n resourceType \n resourceLink \n date \n \n
// (verb, type and date lower-cased), with the date from x-ms-date or Date. The link is the resource's path
// as named (unescaped, case kept) or, where the client addresses it by resource id (the SDK reads partition
// key ranges that way), that id alone, lower-cased; either form signed with the key is accepted.
// Anything else answers 401, as Cosmos DB does: a client set up with another key fails here as it would
// against the emulator. A path no route knows is still the package's 400; it has no resource to sign.
//
// This replaces the route lookup after the package has built its routes, so it runs after the patches that
// replace handlers (they must run before the routes exist).
const crypto = require("crypto");

const EMULATOR_KEY = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

// The type and link a request is signed for: an item path (an even number of segments, /dbs/a/colls/b)
// names its own type and link; a feed path (/dbs/a/colls) names the type of its last segment and the
// link of its parent. The root is the empty type and link.
function resourceOf(pathname, decode = segment => decodeURIComponent(segment)) {
  const segments = pathname
    .split("/")
    .filter(segment => segment.length > 0)
    .map(decode);
  if (segments.length === 0) {
    return { type: "", link: "", ridLink: "" };
  }
  const owner = segments.length % 2 === 0 ? segments : segments.slice(0, -1);
  return {
    type: segments.length % 2 === 0 ? segments[segments.length - 2] : segments[segments.length - 1],
    link: owner.join("/"),
    ridLink: owner.length > 0 ? owner[owner.length - 1].toLowerCase() : ""
  };
}

function signatureOf(key, verb, type, link, date) {
  const payload = `${verb.toLowerCase()}\n${type.toLowerCase()}\n${link}\n${date.toLowerCase()}\n\n`;
  return crypto.createHmac("sha256", key).update(payload, "utf8").digest();
}

function tokenOf(req) {
  const header = req.headers.authorization;
  if (typeof header !== "string") {
    return undefined;
  }
  let decoded;
  try {
    decoded = decodeURIComponent(header);
  } catch {
    return undefined;
  }
  const fields = new Map(decoded.split("&").map(pair => {
    const at = pair.indexOf("=");
    return at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
  }));
  return fields.get("type") === "master" && fields.get("ver") === "1.0" ? fields.get("sig") : undefined;
}

function isSignedWith(key, req) {
  const signature = tokenOf(req);
  const date = req.headers["x-ms-date"] || req.headers.date;
  if (!signature || typeof date !== "string") {
    return false;
  }
  let pathname = new URL(req.url, "https://localhost").pathname;
  while (pathname.length > 1 && pathname.endsWith("/")) {
    pathname = pathname.slice(0, -1);
  }
  let resource;
  try {
    resource = resourceOf(pathname);
  } catch {
    return false; // a segment that is not valid UTF-8 names no resource
  }
  const given = Buffer.from(signature, "base64");
  const matches = link => {
    const expected = signatureOf(key, req.method, resource.type, link, date);
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  };
  // The SDK signs an id as it was given and sends it unescaped, so an id that itself holds a percent escape
  // (%2F, say) is signed in its raw form, which decoding the path would not give back.
  const raw = resourceOf(pathname, segment => segment);
  return matches(resource.link) || matches(resource.ridLink) || matches(raw.link);
}

function patchMasterKeyAuth() {
  const key = Buffer.from(EMULATOR_KEY, "base64");
  const routes = require("@vercel/cosmosdb-server/lib/routes");
  const route = routes.default;
  routes.default = req => {
    const found = route(req);
    if (!found || isSignedWith(key, req)) {
      return found;
    }
    const [params] = found;
    return [
      params,
      (account, request, res) => {
        res.statusCode = 401;
        return {
          code: "Unauthorized",
          message: "The input authorization token can't serve the request. The wrong key is being used or the " +
            "expected payload is not built as per the protocol."
        };
      }
    ];
  };
}

module.exports = patchMasterKeyAuth;
