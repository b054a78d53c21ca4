import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { readSessionClaims, signInWithPassword } from "./sign-in";
import { recordAudit } from "@/lib/audit/mutations";
import { callbackPathFromUrl } from "@/lib/routes";
import { addressConfig } from "@/lib/security/allowlist";
import { isAddressAllowed, resolveClientAddress } from "@/lib/security/ip";
import { authConfig, secureCookiesWanted } from "./config";
import { secondFactorSchema, signInSchema } from "./schemas";
import { completeChallenge, createChallenge, createSession, secondFactorMethods } from "./second-factor";
import { findOrProvisionSsoPerson, ssoClaims, ssoConfig, ssoProviders } from "./sso";

/** Carries why a sign-in failed to the login form, as Auth.js's error `code`. */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

/**
 * The client's address, for per-address rate limits and the audit log: the connection's
 * peer, or behind a trusted proxy the address it forwarded (M7, lib/security/ip.ts).
 */
export function clientAddress(headers: Headers): string {
  return resolveClientAddress(headers, addressConfig()) ?? "unknown";
}

/** The cookie in which Auth.js keeps the callback URL during an OAuth round trip (its documented name). */
const callbackUrlCookie = (secure: boolean) => `${secure ? "__Secure-" : ""}authjs.callback-url`;

/** The request's headers: Auth.js's request in its route handler, else the page's or action's. */
async function requestHeaders(request: Request | undefined): Promise<Headers | null> {
  if (request) return request.headers;
  try {
    return await headers();
  } catch {
    return null; // outside a request
  }
}

const refusal = (result: { reason: string; retryAfterMinutes?: number }) =>
  result.reason === "rate-limited" ? `rate-limited:${result.retryAfterMinutes}` : result.reason;

/**
 * The configuration for one request: whether cookies are Secure can depend on it (behind a
 * trusted proxy that says https, lib/auth/config.ts#secureCookiesWanted), so Auth.js
 * builds it per request (lazy initialisation), and middleware decides the same way.
 */
const configFor = (useSecureCookies: boolean): NextAuthConfig => ({
  ...authConfig,
  useSecureCookies,
  callbacks: {
    ...authConfig.callbacks,
    // On an update (see app/api/session/refresh) the claims come from the database,
    // never from the caller's data: the client can ask for an update too.
    async jwt(params) {
      const token = authConfig.callbacks.jwt(params);
      if (token && params.trigger === "update" && token.sub) {
        const claims = await readSessionClaims(await getDb(), token.sub);
        if (claims) Object.assign(token, claims);
      }
      return token;
    },
    // M5: an SSO sign-in is refused for blocked people, provisions unknown ones, and, like
    // a password, leads to a second-factor challenge rather than a session when one is set up.
    async signIn({ user, account, profile }) {
      if (account?.provider !== "sso") return true;
      const db = await getDb();
      // M8: from where, as for a password (this runs inside Auth.js's route handler).
      const address = clientAddress(await headers());
      // M7: the IP allowlist is checked by the Auth.js route handler before this callback runs.
      const config = ssoConfig();
      // M5: the ID token's claims, with userinfo's when the token lacks the e-mail or the rule's claim.
      const claims = config ? await ssoClaims((profile ?? {}) as Record<string, unknown>, account.access_token, config) : {};
      const result = await findOrProvisionSsoPerson(db, claims, config?.externalRule ?? null);
      if (!result.ok) {
        const email = typeof claims.email === "string" ? claims.email : null;
        await recordAudit(db, { actor: null, action: "auth.sign-in.failed", address, details: { via: "sso", email, reason: result.reason } });
        return `/login?error=sso-${result.reason}`;
      }
      const actor = { id: result.person.id, email: result.person.email };
      if (result.created) await recordAudit(db, { actor, action: "person.provision.sso", address, target: { type: "person", id: actor.id }, details: { audience: result.person.audience } });
      const methods = await secondFactorMethods(db, result.person.id);
      if (methods) {
        const challenge = await createChallenge(db, result.person.id, "sso");
        const query = new URLSearchParams({ challenge, totp: methods.totp ? "1" : "0", mobile: methods.mobileEnding ?? "" });
        // Where the person was going, kept across the second step (only ever a path on this site).
        const next = callbackPathFromUrl((await cookies()).get(callbackUrlCookie(useSecureCookies))?.value);
        if (next) query.set("callbackUrl", next);
        return `/login?${query}`;
      }
      // The same object reaches the jwt callback: it becomes this person's session.
      Object.assign(user, result.person, { sessionId: await createSession(db, result.person.id, "sso") });
      await recordAudit(db, { actor, action: "auth.sign-in", address, target: { type: "person", id: actor.id }, details: { via: "sso" } });
      return true;
    },
  },
  events: {
    // Signing out ends the session's row too, so a copy of the cookie is useless.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (sid) await (await getDb()).update(sessions).set({ endedAt: new Date() }).where(eq(sessions.id, sid));
    },
  },
  providers: [
    Credentials({
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        challenge: {},
        code: {},
      },
      // Also reached by a direct POST to /api/auth/callback/credentials: every check lives here.
      async authorize(credentials, request) {
        // M7: also when this POST never went through middleware (both steps).
        if (!isAddressAllowed(resolveClientAddress(request.headers, addressConfig()), addressConfig())) throw new SignInRefused("address");
        const db = await getDb();
        const address = clientAddress(request.headers);

        // Step 2 (M4): a challenge from step 1 and a code.
        if (credentials?.challenge) {
          const parsed = secondFactorSchema.safeParse(credentials);
          if (!parsed.success) throw new SignInRefused("second-factor-invalid");
          const result = await completeChallenge(db, { token: parsed.data.challenge, code: parsed.data.code, address });
          if (!result.ok) {
            await recordAudit(db, {
              actor: null,
              action: "auth.second-factor.failed",
              address,
              target: result.personId ? { type: "person", id: result.personId } : null,
              details: { reason: result.reason },
            });
            throw new SignInRefused(result.reason === "invalid" ? "second-factor-invalid" : result.reason === "expired" ? "challenge-expired" : refusal(result));
          }
          const actor = { id: result.person.id, email: result.person.email };
          if (result.method === "recovery") {
            await recordAudit(db, { actor, action: "auth.recovery-code.used", address, target: { type: "person", id: actor.id }, details: { left: result.recoveryCodesLeft } });
          }
          const sessionId = await createSession(db, result.person.id, result.via);
          await recordAudit(db, { actor, action: "auth.sign-in", address, target: { type: "person", id: actor.id }, details: { via: result.via, secondFactor: result.method } });
          return { ...result.person, sessionId };
        }
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new SignInRefused("invalid");
        const result = await signInWithPassword(db, { email: parsed.data.email, password: parsed.data.password, address });
        if (!result.ok) {
          await recordAudit(db, { actor: null, action: "auth.sign-in.failed", address, details: { email: parsed.data.email.trim().toLowerCase(), reason: result.reason } });
          throw new SignInRefused(refusal(result));
        }
        const methods = await secondFactorMethods(db, result.person.id);
        if (methods) {
          const challenge = await createChallenge(db, result.person.id, "password");
          const mobile = methods.mobileEnding ?? "";
          throw new SignInRefused(`second-factor:${methods.totp ? "totp" : "mobile"}:${mobile}:${challenge}`);
        }
        const sessionId = await createSession(db, result.person.id, "password");
        await recordAudit(db, { actor: { id: result.person.id, email: result.person.email }, action: "auth.sign-in", address, target: { type: "person", id: result.person.id }, details: { via: "password" } });
        return { ...result.person, sessionId };
      },
    }),
    ...ssoProviders(),
  ],
});

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(async (request) =>
  configFor(secureCookiesWanted(process.env, await requestHeaders(request))),
);
