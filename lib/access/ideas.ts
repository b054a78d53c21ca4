import "server-only";
/**
 * Who may vote on, follow, edit and delete an idea (G4 G8 K4 E4 E5), as SQL on `ideas`. The
 * catalogue (policies.ts) decides its idea entries with these, and the idea page reads the
 * same predicates to decide which controls to show, so a page and an action cannot disagree.
 *
 * Every rule includes "may use Ideas now" (E5, and the app is on for everyone): nobody acts on
 * an idea in an app that is absent for them, whatever role they hold.
 */
import { type SQL, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ideas } from "@/db/schema";
import { isUuid } from "@/db/sql";
import { appModeratorSql } from "./app-moderators";
import { mayUseAppSql } from "./external-access";
import type { AccessSubject } from "./types";

export const IDEA_DECISIONS = ["ideaUsers", "ideaEditors"] as const;
/**
 * - "ideaUsers": whoever may use Ideas, on an idea that exists (vote, follow: G8 K4 E5);
 * - "ideaEditors": the idea's author while its status is "new", and the Ideas moderators
 *   (webmasters and the people they name) always (G4 G8).
 */
export type IdeaDecision = (typeof IDEA_DECISIONS)[number];

export function isIdeaDecision(decision: string): decision is IdeaDecision {
  return (IDEA_DECISIONS as readonly string[]).includes(decision);
}

/** G8 E5: whoever may use Ideas. */
export function ideaUsersSql(viewer: AccessSubject): SQL {
  return mayUseAppSql(viewer, "ideas");
}

/** G4 G8: the author while the idea is new, moderators always; only while they may use Ideas. */
export function ideaEditorsSql(viewer: AccessSubject): SQL {
  return sql`(${mayUseAppSql(viewer, "ideas")} and ((${ideas.authorId} = ${viewer.id} and ${ideas.status} = 'new') or ${appModeratorSql(viewer, "ideas")}))`;
}

export async function canOnIdea(viewer: AccessSubject, decision: IdeaDecision, ideaId: string, db: Db): Promise<boolean> {
  if (!isUuid(ideaId)) return false;
  const allowed = decision === "ideaUsers" ? ideaUsersSql(viewer) : ideaEditorsSql(viewer);
  const [row] = await db.select({ ok: sql<boolean>`${allowed}` }).from(ideas).where(eq(ideas.id, ideaId)).limit(1);
  return row?.ok === true;
}
