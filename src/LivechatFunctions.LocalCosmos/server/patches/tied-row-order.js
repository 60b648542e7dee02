"use strict";

// Cosmos DB does not define the order of rows that tie on every ORDER BY item: a TOP on one page and an
// OFFSET on the next may disagree about them. The package breaks ties by _rid, the same way every time,
// which hides code that relies on an order nobody promised. Here tied rows come back in an order drawn
// anew for every query, from one pseudo-random sequence seeded by LIVECHAT_COSMOS_TIE_SEED (a random seed
// when it is not set). The seed is printed at start, so a test that fails on an order can be replayed.
const SEED_VARIABLE = "LIVECHAT_COSMOS_TIE_SEED";

// mulberry32: small, fast and good enough to shuffle test rows; not for anything secret.
function sequence(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedFromEnvironment() {
  const text = process.env[SEED_VARIABLE];
  if (text === undefined || text === "") {
    return Math.floor(Math.random() * 4294967296);
  }
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) {
    throw new Error(`${SEED_VARIABLE} must be a whole number from 0 to 4294967295, not ${text}`);
  }
  return seed;
}

function patchTiedRowOrder() {
  const seed = seedFromEnvironment();
  process.stderr.write(`cosmosdb-server tie order seed: ${seed} (${SEED_VARIABLE}=${seed} replays it)\n`);
  const next = sequence(seed);

  const helpers = require("@zeit/cosmosdb-query/lib/helpers");
  const sort = helpers.sort;
  helpers.sort = (collection, getRid, compositeIndexes, ...orders) => {
    if (orders.length === 0) {
      return sort(collection, getRid, compositeIndexes, ...orders);
    }
    // The package breaks ties with the value its getRid returns: give each row a fresh random rank instead.
    const ranks = new Map();
    const rankOf = row => {
      let rank = ranks.get(row);
      if (rank === undefined) {
        rank = next();
        ranks.set(row, rank);
      }
      return rank;
    };
    return sort(collection, rankOf, compositeIndexes, ...orders);
  };
}

module.exports = patchTiedRowOrder;
