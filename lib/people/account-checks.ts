import "server-only";
/** Permission checks the people actions share, re-read in the action's transaction. */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { people } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";

/** Re-read in the caller's transaction: a webmaster whose role was just removed is refused. */
export async function isWebmasterNow(viewer: Viewer, db: Db): Promise<boolean> {
  if (!viewer.isWebmaster) return false;
  const [row] = await db.select({ audience: people.audience, roles: people.roles, blocked: people.blocked }).from(people).where(eq(people.id, viewer.id));
  return !!row && !row.blocked && row.audience === "organisational" && row.roles.includes("webmaster");
}

/** E3: everyone edits their own profile, while their account exists and is not blocked. */
export async function ownAccountUsable(viewer: Viewer, db: Db): Promise<boolean> {
  const [row] = await db.select({ blocked: people.blocked }).from(people).where(eq(people.id, viewer.id));
  return !!row && !row.blocked;
}
