/**
 * M7: preloaded into the `next start` process (scripts/serve.ts: `node --require`).
 * Stamps every request with the TCP peer's address as `x-portico-peer`, overwriting any
 * header of that name the client sent, before Next.js sees the request. lib/security/ip.ts
 * reads the client address from it (and, from a trusted proxy only, X-Forwarded-For).
 * Next.js itself keeps a client's own X-Forwarded-For, so that header alone proves nothing.
 */
"use strict";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload (node --require)
const http = require("node:http");

const HEADER = "x-portico-peer";
const originalEmit = http.Server.prototype.emit;
http.Server.prototype.emit = function emit(event, req, ...rest) {
  if (event === "request" && req && req.headers) {
    // The client sent one of its own: it goes from the raw headers too (below).
    const sentByClient = HEADER in req.headers;
    req.headers[HEADER] = (req.socket && req.socket.remoteAddress) || "";
    // Raw headers too: anything that rebuilds headers from them must see the same value.
    if (Array.isArray(req.rawHeaders)) {
      if (sentByClient) {
        for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
          if (String(req.rawHeaders[i]).toLowerCase() === HEADER) req.rawHeaders.splice(i, 2);
        }
      }
      req.rawHeaders.push(HEADER, req.headers[HEADER]);
    }
  }
  return originalEmit.call(this, event, req, ...rest);
};
process.env.PORTICO_PEER_STAMP = "1";
