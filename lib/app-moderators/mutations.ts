import "server-only";
/** Naming and removing app moderators (G8); called from defineAction runs only (webmasters, in their transaction). */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { appModerators, people } from "@/db/schema";
import { ActionError } from "@/lib/actions";
import { MODERATORS_PER_APP_MAX } from "./schemas";
import type { SwitchableApp } from "@/lib/settings/schemas";

/** Adds organisational, unblocked people as the app's moderators; answers those newly added (already moderators are left as they are). */
export async function addAppModerators(tx: Db, app: SwitchableApp, personIds: string[]): Promise<string[]> {
  const found = await tx
    .select({ id: people.id, name: people.name, audience: people.audience, blocked: people.blocked })
    .from(people)
    .where(inArray(people.id, personIds));
  if (found.length !== new Set(personIds).size) throw new ActionError("One of the people chosen no longer has an account. Choose again.", "people");
  const refused = found.find((p) => p.audience !== "organisational" || p.blocked);
  if (refused) {
    throw new ActionError(
      refused.blocked ? `${refused.name} is blocked, so cannot moderate.` : `${refused.name} is an external person: only people in the organisation can moderate an app.`,
      "people",
    );
  }
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('portico:app-moderators'))`);
  const [{ count = 0 } = {}] = await tx.select({ count: sql<number>`count(*)::int` }).from(appModerators).where(eq(appModerators.app, app));
  if (count + personIds.length > MODERATORS_PER_APP_MAX) throw new ActionError(`An app can have at most ${MODERATORS_PER_APP_MAX} moderators.`, "people");
  const added = await tx
    .insert(appModerators)
    .values(personIds.map((personId) => ({ app, personId })))
    .onConflictDoNothing()
    .returning({ personId: appModerators.personId });
  return added.map((r) => r.personId);
}

/** Removes one moderator; answers whether they were one. */
export async function removeAppModerator(tx: Db, app: SwitchableApp, personId: string): Promise<boolean> {
  const removed = await tx
    .delete(appModerators)
    .where(and(eq(appModerators.app, app), eq(appModerators.personId, personId)))
    .returning({ personId: appModerators.personId });
  return removed.length > 0;
}
