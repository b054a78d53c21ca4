/**
 * The part of the Auth.js configuration that middleware can run on the edge: no
 * providers, no database. lib/auth/auth.ts adds the credentials provider.
 */
import type { NextAuthConfig } from "next-auth";

const SESSION_HOURS = 12;

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
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 60 * 60, updateAge: 15 * 60 },
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
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.audience = user.audience;
        token.roles = user.roles ?? [];
        token.signedInAt = Date.now();
        // The session's row: loadViewer refuses a cookie whose row has ended.
        token.sid = user.sessionId;
      }
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
