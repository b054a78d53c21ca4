import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { readSessionClaims, signInWithPassword } from "@/lib/access/sign-in";
import { addressConfig } from "@/lib/security/allowlist";
import { isAddressAllowed, resolveClientAddress } from "@/lib/security/ip";
import { authConfig } from "./config";
import { signInSchema } from "./schemas";

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

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth({
  ...authConfig,
  callbacks: {
    ...authConfig.callbacks,
    // On an update (see app/api/session/refresh) the claims come from the database,
    // never from the caller's data: the client can ask for an update too.
    async jwt(params) {
      const token = authConfig.callbacks.jwt(params);
      if (params.trigger === "update" && token.sub) {
        const claims = await readSessionClaims(await getDb(), token.sub);
        if (claims) Object.assign(token, claims);
      }
      return token;
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      // Also reached by a direct POST to /api/auth/callback/credentials: every check lives here.
      async authorize(credentials, request) {
        // M7: also when this POST never went through middleware.
        if (!isAddressAllowed(resolveClientAddress(request.headers, addressConfig()), addressConfig())) throw new SignInRefused("address");
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new SignInRefused("invalid");
        const result = await signInWithPassword(await getDb(), {
          email: parsed.data.email,
          password: parsed.data.password,
          address: clientAddress(request.headers),
        });
        if (!result.ok) {
          throw new SignInRefused(result.reason === "rate-limited" ? `rate-limited:${result.retryAfterMinutes}` : result.reason);
        }
        return result.person;
      },
    }),
  ],
});
