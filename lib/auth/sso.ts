import "server-only";
/**
 * SSO over OpenID Connect (M5), configured by environment:
 *   PORTICO_SSO_ISSUER, PORTICO_SSO_CLIENT_ID, PORTICO_SSO_CLIENT_SECRET (all three, or no SSO),
 *   PORTICO_SSO_NAME (the button's label, default "single sign-on"),
 *   PORTICO_SSO_EXTERNAL_CLAIM, e.g. "person_type=member": people whose claims have that
 *   value are external; everyone else organisational. Applied at first sign-in only.
 * Claims are read from the ID token; when it lacks the e-mail address (or the rule's
 * claim), the provider's userinfo endpoint is asked as well (ssoClaims), as many
 * providers put profile claims only there.
 * Unknown people are created with only their e-mail address (M5); blocked people are
 * refused; two-factor applies as after a password (a challenge, no session yet).
 */
import { eq, sql } from "drizzle-orm";
import type { NextAuthConfig } from "next-auth";
import type { Db } from "@/db/connect";
import { people } from "@/db/schema";

export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  externalRule: ClaimRule | null;
}

export interface ClaimRule {
  claim: string;
  value: string;
}

/** "claim=value" → the rule; anything else is a configuration error, reported at start. */
export function parseClaimRule(raw: string | undefined): ClaimRule | null {
  const text = raw?.trim();
  if (!text) return null;
  const match = /^([A-Za-z0-9_.:-]+)=(.+)$/.exec(text);
  if (!match) throw new Error(`PORTICO_SSO_EXTERNAL_CLAIM must look like claim=value, not "${text}"`);
  return { claim: match[1]!, value: match[2]!.trim() };
}

export function ssoConfig(env: Record<string, string | undefined> = process.env): SsoConfig | null {
  const issuer = env.PORTICO_SSO_ISSUER?.trim();
  const clientId = env.PORTICO_SSO_CLIENT_ID?.trim();
  const clientSecret = env.PORTICO_SSO_CLIENT_SECRET?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, name: env.PORTICO_SSO_NAME?.trim() || "single sign-on", externalRule: parseClaimRule(env.PORTICO_SSO_EXTERNAL_CLAIM) };
}

function claimValue(claims: Record<string, unknown>, claim: string): unknown {
  return claim.split(".").reduce<unknown>((v, key) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), claims);
}

/** Whether a claim (a string, or a list of strings) holds the rule's value. */
export function matchesRule(claims: Record<string, unknown>, rule: ClaimRule | null): boolean {
  if (!rule) return false;
  const value = claimValue(claims, rule.claim);
  return Array.isArray(value) ? value.map(String).includes(rule.value) : value !== undefined && String(value) === rule.value;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;
const userinfoEndpoints = new Map<string, Promise<string | null>>();

/** The provider's userinfo endpoint from its discovery document, asked once per process. */
function userinfoEndpoint(issuer: string, fetchImpl: Fetch): Promise<string | null> {
  let endpoint = userinfoEndpoints.get(issuer);
  if (!endpoint) {
    endpoint = (async () => {
      const response = await fetchImpl(`${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`, { headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(`discovery answered HTTP ${response.status}`);
      const document = (await response.json()) as { userinfo_endpoint?: unknown };
      return typeof document.userinfo_endpoint === "string" ? document.userinfo_endpoint : null;
    })();
    userinfoEndpoints.set(issuer, endpoint);
    endpoint.catch(() => userinfoEndpoints.delete(issuer)); // a failure is not remembered
  }
  return endpoint;
}

/**
 * M5: the claims of an SSO sign-in. The ID token's, as they are, when they hold the e-mail
 * address (and the audience rule's claim, when a rule is set). Otherwise the provider's
 * userinfo endpoint is asked with the sign-in's access token (OpenID Connect Core 5.3);
 * its answer counts only if it is about the same subject (`sub`, 5.3.2). The ID token's
 * claims win where both have one, except that the e-mail address and its `email_verified`
 * are taken together from the answer that has the address — and an address either one
 * says is unverified stays unverified. Any failure leaves the ID token's claims, so the
 * sign-in is refused as having no e-mail rather than let through.
 */
export async function ssoClaims(
  idToken: Record<string, unknown>,
  accessToken: string | undefined,
  config: Pick<SsoConfig, "issuer" | "externalRule">,
  fetchImpl: Fetch = fetch,
): Promise<Record<string, unknown>> {
  const hasEmail = typeof idToken.email === "string" && idToken.email.trim() !== "";
  const hasRuleClaim = !config.externalRule || claimValue(idToken, config.externalRule.claim) !== undefined;
  if ((hasEmail && hasRuleClaim) || !accessToken) return idToken;
  try {
    const endpoint = await userinfoEndpoint(config.issuer, fetchImpl);
    if (!endpoint) return idToken;
    const response = await fetchImpl(endpoint, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" } });
    if (!response.ok || !/^application\/json\b/i.test(response.headers.get("content-type") ?? "")) {
      console.error(`SSO userinfo answered HTTP ${response.status} (${response.headers.get("content-type") ?? "no type"}): its claims are not used`);
      return idToken;
    }
    const userinfo = (await response.json()) as unknown;
    if (!userinfo || typeof userinfo !== "object" || Array.isArray(userinfo)) return idToken;
    const info = userinfo as Record<string, unknown>;
    if (typeof idToken.sub !== "string" || info.sub !== idToken.sub) {
      console.error("SSO userinfo is about another subject than the ID token: its claims are not used");
      return idToken;
    }
    const merged: Record<string, unknown> = { ...info, ...idToken };
    if (!hasEmail && typeof info.email === "string") {
      merged.email = info.email;
      merged.email_verified = idToken.email_verified === false || info.email_verified === false ? false : (info.email_verified ?? idToken.email_verified);
    }
    return merged;
  } catch (error) {
    console.error(`SSO userinfo could not be read: ${(error as Error).message}`);
    return idToken;
  }
}

export type SsoPerson =
  | { ok: true; created: boolean; person: { id: string; name: string; email: string; audience: "organisational" | "external"; roles: string[] } }
  | { ok: false; reason: "blocked" | "no-email" };

/**
 * The person an SSO sign-in is for: found by e-mail (ignoring case), or created with only
 * the e-mail (its name is the e-mail until someone edits it) and the audience the rule
 * gives. An existing person's audience is never changed by the rule (first sign-in only).
 */
export async function findOrProvisionSsoPerson(db: Db, claims: Record<string, unknown>, rule: ClaimRule | null, now: Date = new Date()): Promise<SsoPerson> {
  const email = typeof claims.email === "string" ? claims.email.trim() : "";
  if (!email || claims.email_verified === false || email.length > 254 || !/^[^\s@,;<>"]+@[^\s@,;<>"]+$/.test(email)) return { ok: false, reason: "no-email" };
  const select = { id: people.id, name: people.name, email: people.email, audience: people.audience, roles: people.roles, blocked: people.blocked };
  let [row] = await db.select(select).from(people).where(sql`lower(${people.email}) = ${email.toLowerCase()}`).limit(1);
  let created = false;
  if (!row) {
    const inserted = await db
      .insert(people)
      .values({ email, name: email, audience: matchesRule(claims, rule) ? "external" : "organisational", authorisedAt: now, lastAccessAt: now })
      .onConflictDoNothing()
      .returning(select);
    created = inserted.length > 0;
    [row] = created ? inserted : await db.select(select).from(people).where(sql`lower(${people.email}) = ${email.toLowerCase()}`).limit(1);
  }
  if (!row) return { ok: false, reason: "no-email" };
  if (row.blocked) return { ok: false, reason: "blocked" };
  await db.update(people).set({ lastAccessAt: now }).where(eq(people.id, row.id));
  return { ok: true, created, person: { id: row.id, name: row.name, email: row.email, audience: row.audience, roles: row.roles } };
}

/** The OpenID Connect provider, when configured. */
export function ssoProviders(env: Record<string, string | undefined> = process.env): NextAuthConfig["providers"] {
  const config = ssoConfig(env);
  if (!config) return [];
  return [
    {
      id: "sso",
      name: config.name,
      type: "oidc",
      issuer: config.issuer,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      checks: ["pkce", "state", "nonce"],
      // Only the e-mail address is taken from the provider (M5).
      profile: (profile: Record<string, unknown>) => ({ id: String(profile.sub), email: typeof profile.email === "string" ? profile.email : null }),
    },
  ];
}
