import "server-only";
/**
 * The Message Wall's access rules (G4 K1–K3 E4 E5), as SQL on `wall_posts`. The catalogue
 * (policies.ts) decides its wall-post entries with these, and the wall's queries read the
 * same predicates to decide what to show, so a page and an action cannot disagree.
 *
 *   - Seeing a post: whoever may use the wall (E5: organisational people and webmasters;
 *     externals only with the Message Wall switch; nobody while the app is off). A hidden
 *     post is seen by them as "Hidden by a moderator": its text, image and reason reach only
 *     its author (and its moderators, who decide on it).
 *   - Editing and deleting: the post's author, while they may use the wall; a hidden post
 *     can be deleted but not edited.
 *   - Reporting: someone else's post they can see and that is not hidden.
 *   - Moderating: webmasters and the wall's moderators (appModeratorSql, K2 K3).
 */
import { type SQL, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { wallPosts } from "@/db/schema";
import { isUuid } from "@/db/sql";
import { appModeratorSql } from "./app-moderators";
import { mayUseAppSql } from "./external-access";
import type { AccessSubject } from "./types";

/** SQL: the viewer may use the wall (E5, and the app is on). */
export function mayUseWallSql(viewer: AccessSubject): SQL {
  return mayUseAppSql(viewer, "messageWall");
}

/** SQL on `wall_posts`: a post this viewer sees (in full or as "hidden"). */
export function visibleWallPosts(viewer: AccessSubject): SQL {
  return mayUseWallSql(viewer);
}

/** SQL: the viewer moderates the wall (webmasters and the people named, K2 K3). */
export function wallModeratorSql(viewer: AccessSubject): SQL {
  return appModeratorSql(viewer, "messageWall");
}

/** SQL on `wall_posts`: this viewer may read the post's text and image (not hidden, or theirs, or they moderate it). */
export function readableWallPosts(viewer: AccessSubject): SQL {
  return sql`(${visibleWallPosts(viewer)} and (${wallPosts.hiddenAt} is null or ${wallPosts.authorId} = ${viewer.id} or ${wallModeratorSql(viewer)}))`;
}

/** SQL on `wall_posts`: one's own post, while one may use the wall (K2: edit and delete). */
export function ownWallPosts(viewer: AccessSubject): SQL {
  return sql`(${wallPosts.authorId} = ${viewer.id} and ${mayUseWallSql(viewer)})`;
}

/** SQL on `wall_posts`: someone else's post one can see and read (K3: report it). */
export function reportableWallPosts(viewer: AccessSubject): SQL {
  return sql`(${wallPosts.authorId} <> ${viewer.id} and ${wallPosts.hiddenAt} is null and ${visibleWallPosts(viewer)})`;
}

/** How the catalogue's wall-post entries are decided (policies.ts, PolicyDecision). */
export type WallPostDecision = "wallPostViewers" | "wallPostReaders" | "wallPostAuthor" | "wallPostReporters";

export function isWallPostDecision(decidedBy: string): decidedBy is WallPostDecision {
  return ["wallPostViewers", "wallPostReaders", "wallPostAuthor", "wallPostReporters"].includes(decidedBy);
}

/** One catalogue decision on one wall post, in one query. */
export async function canOnWallPost(viewer: AccessSubject, decidedBy: WallPostDecision, resource: { kind: string; id: unknown }, db: Db): Promise<boolean> {
  if (resource.kind !== "wallPost" || typeof resource.id !== "string" || !isUuid(resource.id)) return false;
  const allowed =
    decidedBy === "wallPostViewers"
      ? visibleWallPosts(viewer)
      : decidedBy === "wallPostReaders"
        ? readableWallPosts(viewer)
        : decidedBy === "wallPostAuthor"
          ? ownWallPosts(viewer)
          : reportableWallPosts(viewer);
  const [row] = await db.select({ ok: sql<boolean>`${allowed}` }).from(wallPosts).where(eq(wallPosts.id, resource.id.toLowerCase())).limit(1);
  return row?.ok === true;
}
