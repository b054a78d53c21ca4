import "server-only";
/**
 * The viewer's rights as they are now, read inside the caller's transaction. The viewer a
 * request starts with was loaded before the page's form was even submitted; an action
 * decides with what this answers, so a webmaster demoted (or a person blocked) after the
 * page loaded is refused by the very next action (M1, P2, S4).
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { people } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";

/**
 * The same viewer with its audience and webmaster role re-read from `db` (S4: webmasters
 * are organisational people with the webmaster role, as loadViewer derives it); null when
 * the account is gone or blocked (P2), which refuses every action.
 */
export async function withLiveRights<V extends Pick<Viewer, "id" | "audience" | "isWebmaster">>(db: Db, viewer: V): Promise<V | null> {
  const [row] = await db
    .select({
      audience: people.audience,
      roles: people.roles,
      blocked: people.blocked,
    })
    .from(people)
    .where(eq(people.id, viewer.id))
    .limit(1);
  if (!row || row.blocked) return null;
  return {
    ...viewer,
    audience: row.audience,
    isWebmaster: row.audience === "organisational" && row.roles.includes("webmaster"),
  };
}
