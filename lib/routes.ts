/**
 * Where people may go, by audience: shared by middleware (optimistic redirects) and the
 * layouts (the real check). No database here: middleware runs on the edge.
 */

export const LOGIN_PATH = "/login";
/** D2: the API's browsable reference, a page for signed-in people of both audiences. */
export const API_REFERENCE_PATH = "/api/docs";
export const EXTRANET_HOME = "/extranet";
export const INTRANET_HOME = "/";

/**
 * Paths anyone may request signed out (P7: a forgotten password is asked for and reset signed out).
 * /bench-bare is the benchmark's anonymous page, a 404 unless PORTICO_BENCH_FLOOR=1.
 * /api/v1 is the REST API (D2, D5): called with a token, not a session cookie; every one of
 * its route handlers authenticates the token itself (lib/api/authenticate.ts) and answers 401.
 * /api/calendar is a person's calendar feed (C7), read by calendar apps without a session: the
 * address's token is the key (lib/calendar-feed/verify.ts), and anything else answers 404.
 */
const PUBLIC_PREFIXES = ["/login", "/bench-bare", "/welcome", "/forgot-password", "/reset-password", "/api/auth", "/api/v1", "/api/calendar", "/_next", "/favicon.ico", "/icon.svg", "/manifest.webmanifest", "/robots.txt"];

/**
 * E2: what external people always have; every other page is intranet-only (E1).
 * /teams is here because an external team administrator always opens their teams (P5);
 * the pages themselves refuse everyone else unless the Teams switch is on (E5).
 * /api/uploads serves images only to people who can view their item (E3: externals read rich text).
 * /api/me/profile-image takes one's own profile image (E3); /api/people/<id>/image serves a
 * profile image only to people who may view that profile (their own; others' with the Users switch, E4/E5).
 * /security/two-factor: where anyone required to set up two-factor sign-in is sent (M4).
 * /groups: external members of a group always reach their groups, invitations and requests (G3);
 * the pages answer by visibleGroups, which opens the rest only with the Groups switch (E5).
 * /api/group-files serves a group's files only to people who may read its content (G3, G6, G7:
 * an external member reads their own groups' files).
 * /notifications: everyone's own notifications (K5), each checked as them when listed.
 * /search: reaches the page so that it answers 403 to external people (E4: no search), as the
 * issue of search asks, rather than sending them home as if the address did not exist.
 * /tags: a tag's page lists only what the viewer may view (D7), linked from items externals read.
 * /access: an external section manager or group admin asks why someone can see what they run (B1, S7).
 * /api/docs: the API reference, for everyone who may make a token (D2, D5).
 * /events: the events calendar lists only the events the viewer may view (C7), as their feed does.
 */
const EXTERNAL_PREFIXES = ["/extranet", "/sections", "/content", "/feed", "/me", "/profile", "/api/session", "/teams", "/api/uploads", "/api/export", "/security", "/api/me", "/api/people", "/groups", "/api/group-files", "/notifications", "/people", "/locations", "/ideas", "/wall", "/queries", "/moderation", "/search", "/tags", "/access", "/api/docs", "/events"];

function underAny(pathname: string, prefixes: string[]): boolean {
  return prefixes.some((p) => pathname === p || pathname.startsWith(p.endsWith("/") ? p : `${p}/`));
}

export function isPublicPath(pathname: string): boolean {
  return underAny(pathname, PUBLIC_PREFIXES);
}

export function isExternalPath(pathname: string): boolean {
  return underAny(pathname, EXTERNAL_PREFIXES);
}

export function homeFor(audience: "organisational" | "external"): string {
  return audience === "external" ? EXTRANET_HOME : INTRANET_HOME;
}

/**
 * A callback URL is only ever a path on this site: anything with a scheme, a host,
 * a protocol-relative `//`, a backslash or control characters is dropped.
 */
export function safeCallbackPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2000) return null;
  let value = raw;
  try {
    // Accept absolute URLs only when they are on the configured origin.
    if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
      const origin = process.env.AUTH_URL ? new URL(process.env.AUTH_URL).origin : null;
      const url = new URL(value);
      if (!origin || url.origin !== origin) return null;
      value = url.pathname + url.search + url.hash;
    }
  } catch {
    return null;
  }
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  if (value.startsWith(LOGIN_PATH) || value.startsWith("/api/")) return null;
  return value;
}

/**
 * M5: where an SSO sign-in was going, read back from the callback-URL cookie Auth.js keeps
 * across the provider's round trip (its redirect callback made it an absolute URL on this
 * site). Only the path is taken, whatever origin the value names, and it must pass
 * safeCallbackPath: a second sign-in step can never lead off the site.
 */
export function callbackPathFromUrl(value: string | null | undefined): string | null {
  if (!value || value.length > 2000) return null;
  try {
    const url = new URL(value, "http://portico.invalid");
    return safeCallbackPath(url.pathname + url.search + url.hash);
  } catch {
    return null;
  }
}
