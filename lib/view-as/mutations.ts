import "server-only";
/**
 * B2: starting and ending viewing the site as someone. Both change only the asker's own
 * session row (sessions.viewing_as_id): no session of the person's is created or used, and
 * their last access is not touched. Both are in the audit log (M8).
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { sessions } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import { ActionError } from "@/lib/actions";
import { recordAudit } from "@/lib/audit/mutations";

export interface ViewedPerson {
  id: string;
  name: string;
  audience: "organisational" | "external";
  /** Where viewing as them begins: their home for a webmaster; the first of a section manager's sections for one. */
  startAt: string;
}

/**
 * Sets the asker's session to view as the person; refuses themself, a blocked person and an
 * unknown id. A section manager (not a webmaster) views only within their sections, and
 * never as a webmaster (who sees every page of those sections, as the manager does).
 */
export async function startViewingAs(tx: Db, asker: Pick<Viewer, "id" | "sessionId" | "isWebmaster">, personId: string): Promise<ViewedPerson> {
  if (personId === asker.id) throw new ActionError("That is you: choose someone else to view the site as.", "person");
  const [person] = rowsOf<Omit<ViewedPerson, "startAt"> & { blocked: boolean; webmaster: boolean }>(
    await tx.execute(
      sql`select p.id, p.name, p.audience, p.blocked, (p.audience = 'organisational' and 'webmaster' = any(p.roles)) as webmaster from people p where p.id = ${personId}::uuid`,
    ),
  );
  if (!person) throw new ActionError("That person no longer exists. Choose someone else.", "person");
  if (person.blocked) throw new ActionError(`${person.name} is blocked and sees nothing: unblock them first to view the site as them.`, "person");
  let startAt = person.audience === "external" ? "/extranet" : "/";
  if (!asker.isWebmaster) {
    if (person.webmaster) throw new ActionError(`${person.name} is a webmaster and sees every page of your sections, as you do. Choose someone else.`, "person");
    const [first] = rowsOf<{ slug: string }>(
      await tx.execute(sql`select s.slug from section_roles sr join sections s on s.id = sr.section_id where sr.person_id = ${asker.id}::uuid and sr.role = 'manager' order by s.title, s.id limit 1`),
    );
    if (!first) throw new ActionError("You no longer manage a section, so there is nothing to view as someone.");
    startAt = `/sections/${first.slug}`;
  }
  if (!asker.sessionId) throw new ActionError("Your session is from before sessions were recorded. Sign out and in again, then try again.");
  const updated = await tx
    .update(sessions)
    .set({ viewingAsId: person.id, viewingAsSince: new Date() })
    .where(and(eq(sessions.id, asker.sessionId), eq(sessions.personId, asker.id), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  if (!updated.length) throw new ActionError("Your session has ended. Sign in again, then repeat what you were doing.");
  return { id: person.id, name: person.name, audience: person.audience, startAt };
}

/**
 * Ends viewing as someone in the asker's session (a webmaster: Viewer.asSeenBy; a section
 * manager: the viewer themself, with Viewer.viewingAsWithin), the session the request came with. Nothing to end is not an error: the page is simply theirs again.
 */
export async function endViewingAs(db: Db, asker: { id: string; email: string }, sessionId: string, viewedId: string, address: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    const ended = await tx
      .update(sessions)
      .set({ viewingAsId: null, viewingAsSince: null })
      .where(and(eq(sessions.id, sessionId), eq(sessions.personId, asker.id), eq(sessions.viewingAsId, viewedId)))
      .returning({ id: sessions.id });
    if (ended.length) await recordAudit(tx as unknown as Db, { actor: asker, action: "access.view-as.end", target: { type: "person", id: viewedId }, address });
  });
}
