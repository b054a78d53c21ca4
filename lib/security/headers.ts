/**
 * The security headers of every response that passes middleware (C6 in depth, M7): a
 * Content-Security-Policy with a fresh nonce per request, and the headers browsers need
 * to sniff nothing, leak no full addresses and, over https, never fall back to http.
 *
 * Runs in middleware (the edge runtime): Web Crypto and Headers only, no Node modules.
 */
import { type NextRequest, NextResponse } from "next/server";
import { publicOrigin } from "@/lib/site-url";

type Env = Record<string, string | undefined>;

export interface PolicyOptions {
  nonce: string;
  /** `next dev` evaluates its modules with eval (React's dev tools, fast refresh); production never does. */
  dev: boolean;
}

/**
 * Scripts: only those carrying this request's nonce (Next adds it to its own) and what
 * they load ('strict-dynamic'); 'self' is ignored by browsers that understand
 * 'strict-dynamic' and kept for those that do not. Styles allow 'unsafe-inline' because
 * React components set style attributes (Radix dialogs, the editor's resizable images and
 * tables, Next's route announcer), which a nonce cannot cover; a style cannot run script.
 * Images: uploads and profile images are served from the site itself; data: and blob:
 * for the two-factor QR code and the editor's preview of an image before it is uploaded.
 */
export function contentSecurityPolicy({ nonce, dev }: PolicyOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** Two years, as the HSTS preload list asks; only ever sent when the site is served over https. */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/** The headers of one response. `https`: the site's public address (PORTICO_PUBLIC_URL or AUTH_URL) is https. */
export function securityHeaders(options: PolicyOptions & { https: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
  };
  if (options.https) headers["Strict-Transport-Security"] = HSTS_VALUE;
  return headers;
}

/**
 * The headers of every /api/v1 answer (D2), which middleware does not see (its matcher): JSON
 * and files are never a page, so nothing in them may run or be framed (`default-src 'none'`)
 * and no nonce is needed: the same two sets for every answer (with HSTS over https or not).
 * A handler's own (a download's sandboxing policy) stands.
 */
const API_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
} as const;
const API_HEADERS_HTTPS = { ...API_HEADERS, "Strict-Transport-Security": HSTS_VALUE } as const;

export function apiSecurityHeaders(env: Env = process.env): Readonly<Record<string, string>> {
  return publicOrigin(env).startsWith("https:") ? API_HEADERS_HTTPS : API_HEADERS;
}

/** 128 random bits, base64: a new one for every request, so a nonce seen once is no use again. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export const CROSS_ORIGIN_ACTION_MESSAGE = "This request did not come from a page of this site, so nothing was done.";

/**
 * A server action (a POST with Next's `Next-Action` header) whose Origin is `null` (a
 * sandboxed frame, a data: page, some redirects) or another site's: refused here with a
 * plain 403. Next would refuse it too, but as a 500 with an error in the log. The site's
 * origins are its public address and the address the request was sent to (Host, as Next
 * itself compares). A request with no Origin at all is not a browser's (browsers always
 * send one with a POST): Next's own check decides it.
 */
export function isCrossOriginAction(req: Pick<Request, "method" | "headers">, env: Env = process.env): boolean {
  if (req.method !== "POST" || !req.headers.has("next-action")) return false;
  const origin = req.headers.get("origin");
  if (origin === null) return false;
  if (origin === "null") return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  const allowed = new Set<string>();
  const configured = publicOrigin(env);
  if (configured) allowed.add(new URL(configured).host);
  const requestHost = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.get("host");
  if (requestHost) allowed.add(requestHost);
  return !allowed.has(host);
}

/**
 * Makes the app see `extra` among the request's headers, on a response that lets the
 * request continue (NextResponse.next or a rewrite). This is what
 * NextResponse.next({ request: { headers } }) writes; done afterwards so the routing it
 * wraps can keep answering plain NextResponse.next(). A response that already forwards
 * headers keeps them and gains `extra`.
 */
function forwardRequestHeaders(response: Response, req: NextRequest, extra: Record<string, string>): void {
  const h = response.headers;
  if (!h.has("x-middleware-next") && !h.has("x-middleware-rewrite")) return;
  const override = h.get("x-middleware-override-headers");
  const names = override ? override.split(",").filter(Boolean) : [];
  if (override === null) {
    for (const [key, value] of req.headers) {
      h.set(`x-middleware-request-${key}`, value);
      names.push(key);
    }
  }
  for (const [key, value] of Object.entries(extra)) {
    h.set(`x-middleware-request-${key}`, value);
    if (!names.includes(key)) names.push(key);
  }
  h.set("x-middleware-override-headers", names.join(","));
}

type Route = (req: NextRequest) => Response | Promise<Response>;

/**
 * Middleware's outer layer: the routing decides first (the M7 allowlist before anything
 * else, recorded by its refusal route), then a request it lets through that is a
 * cross-site server action is refused (403), and every response gets the headers above. The nonce reaches the app in the
 * request's own Content-Security-Policy header (Next reads it from there to put it on its
 * scripts) and as `x-nonce` for any script of our own.
 */
export function withSecurityHeaders(route: Route, env: Env = process.env): (req: NextRequest) => Promise<Response> {
  return async (req) => {
    const nonce = newNonce();
    const dev = env.NODE_ENV === "development";
    const headers = securityHeaders({ nonce, dev, https: publicOrigin(env).startsWith("https:") });
    let response = await route(req);
    // Only a request the routing lets through: a refusal (M7's rewrite, a redirect to sign in) stands.
    if (response.headers.has("x-middleware-next") && isCrossOriginAction(req, env)) {
      response = new NextResponse(CROSS_ORIGIN_ACTION_MESSAGE, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    forwardRequestHeaders(response, req, { "x-nonce": nonce, "content-security-policy": headers["Content-Security-Policy"]! });
    for (const [key, value] of Object.entries(headers)) response.headers.set(key, value);
    return response;
  };
}
