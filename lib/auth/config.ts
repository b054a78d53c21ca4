/**
 * The part of the Auth.js configuration that middleware can run on the edge: no
 * providers, no database. lib/auth/auth.ts adds the credentials provider.
 */
import type { NextAuthConfig } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { publicOrigin, publicUrlUnreadable } from "@/lib/site-url";
import { fromTrustedProxy, readAddressConfig } from "@/lib/security/ip";
import { pastMaximum, sessionLifetime } from "./lifetime";
import { decodeSessionToken, encodeSessionToken } from "./session-token";


type Env = Record<string, string | undefined>;
interface HeaderSource {
  get(name: string): string | null;
}

/**
 * Whether session cookies are `Secure` (and `__Secure-` named): always when the site's
 * public address (PORTICO_PUBLIC_URL, else AUTH_URL: lib/site-url.ts) is https, and in
 * production on any other host but loopback (a local `npm start` over http). With no
 * public address configured, when the request came through one of PORTICO_TRUSTED_PROXIES
 * and that proxy says the client connected over https (X-Forwarded-Proto); a client's own
 * X-Forwarded-Proto is never believed. Middleware reads the cookie with the same answer
 * for the same request, so the name always agrees.
 */
export function secureCookiesWanted(env: Env = process.env, headers: HeaderSource | null = null): boolean {
  const origin = publicOrigin(env);
  if (origin.startsWith("https:")) return true;
  if (origin) {
    if (env.NODE_ENV !== "production") return false;
    return !["localhost", "127.0.0.1", "[::1]"].includes(new URL(origin).hostname);
  }
  // An address we cannot read: err on the safe side in production.
  if (publicUrlUnreadable(env)) return env.NODE_ENV === "production";
  return !!headers && httpsAtTrustedProxy(headers, env);
}

function httpsAtTrustedProxy(headers: HeaderSource, env: Env): boolean {
  const config = readAddressConfig(env);
  if (!config.ok || !fromTrustedProxy(headers, config.config)) return false;
  // Any hop saying https: the cookie then never travels over plain http.
  return (headers.get("x-forwarded-proto") ?? "").split(",").some((p) => p.trim().toLowerCase() === "https");
}

export const authConfig = {
  pages: { signIn: "/login", error: "/login" },
  // P3: the cookie's own expiry; the absolute maximum from sign-in is the jwt callback's.
  session: { strategy: "jwt", maxAge: Math.round(sessionLifetime().maxMs / 1000), updateAge: 15 * 60 },
  // Auth.js's token format, with the key derived once instead of on every request (lib/auth/session-token.ts).
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  trustHost: true,
  // Decided again for each request by lib/auth/auth.ts (behind a trusted proxy it depends on the request).
  useSecureCookies: secureCookiesWanted(),
  providers: [],
  // A refused sign-in is an expected answer, not a server error: don't fill the log with
  // its stack. Everything else Auth.js reports is logged (it never includes credentials).
  logger: {
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(error);
    },
  },
  callbacks: {
    // null ends the session: Auth.js clears the cookie instead of re-issuing it.
    jwt({ token, user }): JWT | null {
      if (user) {
        token.sub = user.id;
        token.audience = user.audience;
        token.roles = user.roles ?? [];
        token.signedInAt = Date.now();
        // The session's row: loadViewer refuses a cookie whose row has ended.
        token.sid = user.sessionId;
      }
      // P3: never re-issued past the maximum lifetime from sign-in (lib/auth/lifetime.ts).
      if (pastMaximum(token.signedInAt)) return null;
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub!;
      session.user.audience = token.audience ?? "external";
      session.user.roles = token.roles ?? [];
      session.signedInAt = token.signedInAt ?? 0;
      session.sessionId = token.sid ?? null;
      return session;
    },
  },
} satisfies NextAuthConfig;
