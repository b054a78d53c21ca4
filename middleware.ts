/**
 * Optimistic routing only, from the session cookie, with no database: signed-out
 * people go to /login, external people to the extranet home for intranet-only paths
 * (E1). The real gate is lib/access: every layout, page and action checks again.
 *
 * Around it, lib/security/headers.ts adds the security headers to every response and
 * refuses server actions posted from another site (403).
 *
 * The cookie is only read here, never re-issued: a response from middleware that
 * rewrote it could race a sign-out and bring the ended session back.
 */
import { getToken } from "next-auth/jwt";
import { type NextRequest, NextResponse } from "next/server";
import { secureCookiesWanted } from "@/lib/auth/config";
import { pastMaximum } from "@/lib/auth/lifetime";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { API_REFERENCE_PATH, EXTRANET_HOME, LOGIN_PATH, isExternalPath, isPublicPath } from "@/lib/routes";
import { withSecurityHeaders } from "@/lib/security/headers";
import { isAddressAllowed, readAddressConfig, resolveClientAddress } from "@/lib/security/ip";

export const REFUSED_ROUTE = "/api/security/refused";

/**
 * M7, before anything else, public paths included: a request from an address not on
 * PORTICO_IP_ALLOWLIST goes to the refusal route (403, recorded in the audit log).
 * A configuration that does not parse refuses everything (start-up stops on it anyway).
 */
function refusedByAllowlist(req: NextRequest): NextResponse | null {
  const result = readAddressConfig(process.env);
  if (result.ok && !result.config.allowlist) return null;
  if (result.ok && isAddressAllowed(resolveClientAddress(req.headers, result.config), result.config)) return null;
  const forwarded = new Headers(req.headers);
  forwarded.set("x-portico-refused-path", req.nextUrl.pathname.slice(0, 500));
  return NextResponse.rewrite(new URL(REFUSED_ROUTE, req.nextUrl), { request: { headers: forwarded } });
}

/** Every response gets the security headers (Content-Security-Policy with a nonce, HSTS over https): lib/security/headers.ts. */
export default withSecurityHeaders(middleware);

async function middleware(req: NextRequest) {
  const refused = refusedByAllowlist(req);
  if (refused) return refused;
  const { pathname, search } = req.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();

  const token = await getToken({ req, secret: process.env.AUTH_SECRET, secureCookie: secureCookiesWanted(process.env, req.headers), decode: decodeSessionToken }).catch(() => null);
  // P3: a cookie past the session's maximum lifetime is no session (lib/auth/lifetime.ts).
  if (!token?.sub || pastMaximum(token.signedInAt)) {
    // A route handler answers a script; the API reference (/api/docs) is a page people open.
    if (pathname.startsWith("/api/") && pathname !== API_REFERENCE_PATH) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
    const login = new URL(LOGIN_PATH, req.nextUrl);
    if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(login);
  }
  if (token.audience === "external" && !isExternalPath(pathname)) {
    return NextResponse.redirect(new URL(EXTRANET_HOME, req.nextUrl));
  }
  return NextResponse.next();
}

export const config = {
  // In the server's own Node.js process, not Next's edge sandbox: the sandbox's set-up and
  // Web API layer were most of middleware's cost on every request (bench/README.md, session 9).
  runtime: "nodejs",
  // Not the group file routes (/api/group-files…): Next copies the body of every request it
  // hands middleware into memory, and an upload may be 50 MB (G7); and the headers middleware
  // sets would replace a download's own sandboxing Content-Security-Policy. Those routes apply
  // the allowlist and headers themselves (lib/security/outside-middleware.ts). Nor the REST API
  // (/api/v1, D2): it is called with a token, never a session cookie, so middleware's decode
  // would be spent for nothing on every call; its pipeline applies the allowlist and its own
  // headers (lib/api/route.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|manifest.webmanifest|api/group-files(?:/|$)|api/v1(?:/|$)).*)"],
};
