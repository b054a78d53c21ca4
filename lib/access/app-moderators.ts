import "server-only";
/**
 * App moderators (G8, K2, K3): webmasters, and the organisational people a webmaster named
 * moderator of an app (app_moderators). They set ideas' statuses, hide and restore wall
 * posts and comments in their app, and accept a query's answer for its asker. Only while
 * they may use the app (an app turned off has no moderators).
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import type { SwitchableApp } from "@/lib/settings/schemas";
import { mayUseAppSql } from "./external-access";
import type { AccessSubject } from "./types";

/** SQL: the viewer moderates `app` now. */
export function appModeratorSql(viewer: AccessSubject, app: SwitchableApp): SQL {
  const named = viewer.isWebmaster
    ? sql`true`
    : sql`exists (select 1 from app_moderators am join people p on p.id = am.person_id
        where am.app = ${app} and am.person_id = ${viewer.id} and p.audience = 'organisational' and not p.blocked)`;
  return sql`(${mayUseAppSql(viewer, app)} and ${named})`;
}

export async function isAppModerator(viewer: AccessSubject, app: SwitchableApp, db: Db): Promise<boolean> {
  const [row] = rowsOf<{ ok: boolean }>(await db.execute(sql`select ${appModeratorSql(viewer, app)} as ok`));
  return row?.ok === true;
}
