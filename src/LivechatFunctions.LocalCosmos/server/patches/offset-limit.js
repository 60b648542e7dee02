"use strict";

// The query engine cannot parse OFFSET ... LIMIT, which Cosmos DB has: a page at offset
// 1,000 would otherwise have to bring its 1,000 skipped rows over the wire. A query that
// ends with the clause runs here without it, and the skip and take are applied to its
// ordered results, as Cosmos DB applies them after ORDER BY. Where the query's SELECT has
// no DISTINCT and no aggregate (whose one row a TOP would starve of input), it runs as a
// TOP of offset + limit rows, so the engine finishes (projects, copies) only the rows it
// could return, as it does for a TOP: without that, a page at 10,000 chats cost the server
// about 2.5 times as long. Both amounts may be literals or parameters and must be whole
// numbers of zero or more (Cosmos DB refuses others). The clause's results come back in
// one response: asking to page through them (a continuation, or a page size smaller than
// the limit), or combining the clause with a TOP, is refused with 400 rather than
// answered by a guess.
const OFFSET_LIMIT = /\s+OFFSET\s+(@\w+|\d+)\s+LIMIT\s+(@\w+|\d+)\s*$/i;
const SELECT_TOP = /^\s*SELECT\s+TOP\b/i;
const PLAIN_SELECT = /^\s*SELECT\s+(?!DISTINCT\b)/i;
const AGGREGATE = /\b(COUNT|SUM|MIN|MAX|AVG)\s*\(/i;
const TOP_PARAMETER = "@livechatOffsetPlusLimit";

function patchOffsetLimit() {
  const queryModule = require("@zeit/cosmosdb-query");
  const createQuery = queryModule.default;

  const badRequest = message => Object.assign(new Error(message), { badRequest: true });
  const amount = (text, parameters, clause) => {
    let value = Number(text);
    if (text.startsWith("@")) {
      const parameter = (parameters || []).find(p => p.name === text);
      if (!parameter) {
        throw badRequest(`${clause}: parameter ${text} was not given`);
      }
      value = parameter.value;
    }
    if (!Number.isSafeInteger(value) || value < 0) {
      throw badRequest(`${clause} must be a whole number of zero or more`);
    }
    return value;
  };

  queryModule.default = sql => {
    const clause = OFFSET_LIMIT.exec(sql);
    if (!clause) {
      return createQuery(sql);
    }
    const head = sql.slice(0, clause.index);
    if (SELECT_TOP.test(head)) {
      // The engine's own syntax error, which the server answers with 400.
      throw new queryModule.SyntaxError("the local server does not combine TOP with OFFSET LIMIT", null, null, null);
    }
    const select = AGGREGATE.test(head) ? null : PLAIN_SELECT.exec(head);
    const inner = createQuery(select ? `SELECT TOP ${TOP_PARAMETER} ${head.slice(select[0].length)}` : head);
    return {
      get ast() {
        return inner.ast;
      },
      containsPartitionKeys: paths => inner.containsPartitionKeys(paths),
      exec(collection, options = {}) {
        const offset = amount(clause[1], options.parameters, "OFFSET");
        const limit = amount(clause[2], options.parameters, "LIMIT");
        if (options.continuation) {
          throw badRequest("the local server cannot continue an OFFSET LIMIT query");
        }
        if (options.maxItemCount > 0 && options.maxItemCount < limit) {
          throw badRequest("the local server answers an OFFSET LIMIT query in one page: ask for at least LIMIT items");
        }
        const parameters = select
          ? [...(options.parameters || []), { name: TOP_PARAMETER, value: offset + limit }]
          : options.parameters;
        const all = inner.exec(collection, { ...options, parameters, maxItemCount: null, continuation: null });
        return { result: all.result.slice(offset, offset + limit), continuation: null };
      }
    };
  };
}

module.exports = patchOffsetLimit;
