import "server-only";
/** What a welcome link (P3) or an own e-mail change's confirmation link is now; reading changes nothing. */
import { eq, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { emailChanges, people, welcomeLinks } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";

export type WelcomeLinkState = "usable" | "used" | "superseded" | "expired" | "unknown" | "blocked";

/** P3: what a welcome link is now, by its token's hash (read-only; the page shows the matching message). */
export async function welcomeLinkState(tokenHash: string, given?: Db, now: Date = new Date()): Promise<{ state: WelcomeLinkState; personId?: string; email?: string }> {
  const db = given ?? (await getDb());
  const [link] = await db
    .select({ personId: welcomeLinks.personId, expiresAt: welcomeLinks.expiresAt, usedAt: welcomeLinks.usedAt, supersededAt: welcomeLinks.supersededAt, blocked: people.blocked, email: people.email })
    .from(welcomeLinks)
    .innerJoin(people, eq(people.id, welcomeLinks.personId))
    .where(eq(welcomeLinks.tokenHash, tokenHash))
    .limit(1);
  if (!link) return { state: "unknown" };
  return { state: oneTimeLinkState(link, now), personId: link.personId, email: link.email };
}

/**
 * What an e-mailed one-time link for a person's password (a welcome link, P3; a reset link,
 * P7) is now, in the order the page explains it: used, replaced, expired, blocked account.
 */
export function oneTimeLinkState(
  link: { usedAt: Date | null; supersededAt: Date | null; expiresAt: Date; blocked: boolean },
  now: Date,
): Exclude<WelcomeLinkState, "unknown"> {
  if (link.usedAt) return "used";
  if (link.supersededAt) return "superseded";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  return link.blocked ? "blocked" : "usable";
}

export type EmailChangeLinkState = "usable" | "used" | "superseded" | "expired" | "unknown" | "other-account" | "outdated" | "taken";

/**
 * What an own e-mail change's confirmation link can do for this viewer. Only the
 * person who asked may use it; it works once, until it expires or a newer request replaces
 * it, while the account still has the address it had when asked, and while no one else
 * has taken the new address. Reading it changes nothing.
 */
export async function emailChangeLinkState(
  viewer: Pick<Viewer, "id">,
  tokenHash: string,
  given?: Db,
  now: Date = new Date(),
): Promise<{ state: EmailChangeLinkState; oldEmail?: string; newEmail?: string }> {
  const db = given ?? (await getDb());
  const [link] = await db
    .select({
      personId: emailChanges.personId,
      oldEmail: emailChanges.oldEmail,
      newEmail: emailChanges.newEmail,
      expiresAt: emailChanges.expiresAt,
      usedAt: emailChanges.usedAt,
      supersededAt: emailChanges.supersededAt,
      currentEmail: people.email,
      taken: sql<boolean>`exists (select 1 from people o where lower(o.email) = lower(${emailChanges.newEmail}) and o.id <> ${emailChanges.personId})`,
    })
    .from(emailChanges)
    .innerJoin(people, eq(people.id, emailChanges.personId))
    .where(eq(emailChanges.tokenHash, tokenHash))
    .limit(1);
  if (!link) return { state: "unknown" };
  // Nothing about another person's request is told, not even its addresses.
  if (link.personId !== viewer.id) return { state: "other-account" };
  const state: EmailChangeLinkState = link.usedAt
    ? "used"
    : link.supersededAt
      ? "superseded"
      : link.expiresAt.getTime() <= now.getTime()
        ? "expired"
        : link.currentEmail.toLowerCase() !== link.oldEmail.toLowerCase()
          ? "outdated"
          : link.taken
            ? "taken"
            : "usable";
  return { state, oldEmail: link.oldEmail, newEmail: link.newEmail };
}
