/**
 * The part of the Auth.js configuration that middleware can run on the edge: no
 * providers, no database. lib/auth/auth.ts adds the credentials provider.
 */
import type { NextAuthConfig } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { pastMaximum, sessionLifetime } from "./lifetime";


/** Secure cookies in production, except when served from loopback (a local `npm start`). */
export function secureCookiesWanted(env: Record<string, string | undefined> = process.env): boolean {
  if (env.AUTH_URL && /^https:/i.test(env.AUTH_URL)) return true;
  if (env.NODE_ENV !== "production") return false;
  if (!env.AUTH_URL) return false; // a local `npm start` on plain http; deployments set AUTH_URL (README)
  let host: string;
  try {
    host = new URL(env.AUTH_URL).hostname;
  } catch {
    return true; // an AUTH_URL we cannot read: err on the safe side
  }
  return !["localhost", "127.0.0.1", "[::1]"].includes(host);
}

export const authConfig = {
  pages: { signIn: "/login", error: "/login" },
  // P3: the cookie's own expiry; the absolute maximum from sign-in is the jwt callback's.
  session: { strategy: "jwt", maxAge: Math.round(sessionLifetime().maxMs / 1000), updateAge: 15 * 60 },
  trustHost: true,
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
