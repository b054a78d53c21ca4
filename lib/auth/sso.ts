import "server-only";
/**
 * SSO over OpenID Connect (M5), configured by environment:
 *   PORTICO_SSO_ISSUER, PORTICO_SSO_CLIENT_ID, PORTICO_SSO_CLIENT_SECRET (all three, or no SSO),
 *   PORTICO_SSO_NAME (the button's label, default "single sign-on"),
 *   PORTICO_SSO_EXTERNAL_CLAIM, e.g. "person_type=member": people whose ID token has that
 *   claim value are external; everyone else organisational. Applied at first sign-in only.
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

/** Whether a claim (a string, or a list of strings) holds the rule's value. */
export function matchesRule(claims: Record<string, unknown>, rule: ClaimRule | null): boolean {
  if (!rule) return false;
  const value = rule.claim.split(".").reduce<unknown>((v, key) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), claims);
  return Array.isArray(value) ? value.map(String).includes(rule.value) : value !== undefined && String(value) === rule.value;
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
