import "server-only";
/**
 * For the few route handlers that middleware.ts does not match (its matcher says which, and
 * why: a large upload's body must not be copied into memory by Next on its way through
 * middleware, and a download's own headers must not be replaced by middleware's: Next
 * keeps a header middleware set over the handler's). What middleware gives every other request, these re-apply themselves:
 * - M7: an address not on PORTICO_IP_ALLOWLIST is refused (403, audited) before anything else;
 * - the security headers of lib/security/headers.ts on every answer, except where the
 *   handler set its own (a group file's download: a sandboxing Content-Security-Policy);
 * - no caching of an answer that depends on who asked, unless the handler said otherwise.
 * The session, and the same-site check of a state-changing request, are the handler's own
 * (lib/uploads/receive.ts): middleware never decided them for a route handler anyway.
 */
import { NextResponse } from "next/server";
import { publicOrigin } from "@/lib/site-url";
import { requestAllowed } from "./allowlist";
import { newNonce, securityHeaders } from "./headers";
import { REFUSED_BY_ALLOWLIST } from "./ip";

type Handler<A extends unknown[]> = (request: Request, ...rest: A) => Promise<Response>;

export function outsideMiddleware<A extends unknown[]>(handler: Handler<A>): Handler<A> {
  return async (request, ...rest) => {
    const response = (await requestAllowed()) ? await handler(request, ...rest) : NextResponse.json({ ok: false, formError: REFUSED_BY_ALLOWLIST }, { status: 403 });
    const headers = securityHeaders({ nonce: newNonce(), dev: process.env.NODE_ENV === "development", https: publicOrigin().startsWith("https:") });
    for (const [key, value] of Object.entries({ ...headers, "Cache-Control": "private, no-store" })) {
      if (!response.headers.has(key)) response.headers.set(key, value);
    }
    return response;
  };
}
