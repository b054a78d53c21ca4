import "server-only";
/**
 * The session a page, action or route handler runs for: the session cookie, read and
 * decrypted (lib/auth/session-token.ts), with the rule Auth.js's jwt callback applies (P3:
 * nothing past the maximum lifetime from sign-in). Only the cookie's claims: getViewer
 * (lib/access/viewer.ts) then decides from the database whether the session still counts.
 *
 * Auth.js's `auth()` answers the same claims but also writes a renewed cookie on every call
 * (an encryption each request), which a page cannot even send; this reads and never writes.
 */
import { cookies, headers } from "next/headers";
import type { Audience } from "@/lib/access/types";
import { secureCookiesWanted } from "./config";
import { pastMaximum } from "./lifetime";
import { decodeSessionToken, sessionCookieName, sessionTokenFrom } from "./session-token";

/** The shape Auth.js's session had for getViewer (lib/auth/config.ts, the session callback). */
export interface CurrentSession {
  user: { id: string; audience: Audience };
  /** Milliseconds since the epoch when this person signed in. */
  signedInAt: number;
  /** The sessions row of this cookie; null for a cookie from before sessions were recorded. */
  sessionId: string | null;
}

export async function currentSession(): Promise<CurrentSession | null> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  const name = sessionCookieName(secureCookiesWanted(process.env, await headers()));
  const token = sessionTokenFrom(await cookies(), name);
  if (!token) return null;
  const claims = await decodeSessionToken({ token, secret, salt: name }).catch(() => null);
  if (!claims?.sub || pastMaximum(claims.signedInAt)) return null;
  return {
    user: { id: claims.sub, audience: claims.audience ?? "external" },
    signedInAt: claims.signedInAt ?? 0,
    sessionId: claims.sid ?? null,
  };
}
