import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { readSessionClaims, signInWithPassword } from "@/lib/access/sign-in";
import { authConfig } from "./config";
import { signInSchema } from "./schemas";

/** Carries why a sign-in failed to the login form, as Auth.js's error `code`. */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

/** The client's address, for per-address rate limits: the first X-Forwarded-For hop. */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
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
