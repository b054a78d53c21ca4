import { generateKeyPairSync } from "node:crypto";
import type { Server } from "node:http";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on loopback, for the SSO
 * specs (M5). People sign in on its own development login page: any password, and the
 * login name picks one of `accounts`, whose claims go into the ID token and the userinfo
 * answer — or, for an account marked `onlyInUserinfo`, into userinfo alone (the provider's
 * own default), so that Portico must ask for them (lib/auth/sso.ts). Consent is given
 * without asking, as for a first-party app.
 */
export interface OidcAccount {
  email: string;
  email_verified?: boolean;
  name?: string;
  person_type?: string;
  /** The ID token carries only `sub`; every other claim is in the userinfo answer. */
  onlyInUserinfo?: boolean;
}

export interface OidcProvider {
  issuer: string;
  close(): Promise<void>;
}

export async function startOidcProvider(options: {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accounts: Record<string, OidcAccount>;
}): Promise<OidcProvider> {
  // 127.0.0.1, not localhost: the provider's cookies stay apart from Portico's.
  const issuer = `http://127.0.0.1:${options.port}`;
  const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const provider = new Provider(issuer, {
    clients: [{ client_id: options.clientId, client_secret: options.clientSecret, redirect_uris: [options.redirectUri], grant_types: ["authorization_code"], response_types: ["code"] }],
    jwks: { keys: [{ ...key, use: "sig", kid: "e2e" }] },
    cookies: { keys: ["e2e-oidc-cookie-key-not-for-production"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "person_type"] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    // Claims in the ID token itself (many providers do this), unless an account says otherwise.
    conformIdTokenClaims: false,
    async findAccount(_ctx: unknown, id: string) {
      const account = options.accounts[id];
      if (!account) return undefined;
      const { onlyInUserinfo, ...claims } = account;
      return { accountId: id, claims: async (use: string) => (onlyInUserinfo && use === "id_token" ? { sub: id } : { sub: id, email_verified: true, ...claims }) };
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, result } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = provider.listen(options.port, "127.0.0.1", () => resolve(s));
    s.once("error", reject);
  });
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
