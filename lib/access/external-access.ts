import "server-only";
/**
 * E5: the "External user access" switches as the one place every app and directory asks
 * "may this person use it?". Organisational people and webmasters: always. External
 * people: only while the webmaster's switch for that app is on (settings "externalAccess",
 * all off by default). Groups are special only in that externals never create them (E5):
 * callers that create groups check `audience` themselves.
 *
 * Every app (existing or future: ideas, wall, queries, people and locations directories)
 * MUST use these, at every entry point:
 *   - pages:            `const viewer = await requireExternalApp("ideas")` (./external-guard.ts, 403 when off)
 *   - route handlers:   `if (!(await externalMayUse(viewer, "ideas"))) return 403`
 *   - server actions:   `authorize: ({ viewer, tx }) => externalMayUse(viewer, "ideas", tx)`
 *   - SQL predicates:   `externalSwitchOn("ideas")`
 *   - navigation:       show the app's link only when `externalMayUse` (or `appsFor`) is true
 *   - middleware:       add the app's path to EXTERNAL_PREFIXES in lib/routes.ts (optimistic only:
 *                       it lets externals reach the page, whose guard decides)
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getExternalAccess } from "@/lib/settings/queries";
import { EXTERNAL_APPS, type ExternalApp } from "@/lib/settings/schemas";
import type { AccessSubject } from "./types";

/** SQL: the switch for `app` is on. */
export function externalSwitchOn(app: ExternalApp): SQL {
  if (!EXTERNAL_APPS.includes(app)) throw new Error(`unknown app ${app}`);
  return sql`exists (select 1 from settings st where st.key = 'externalAccess' and coalesce((st.value ->> ${app})::boolean, false))`;
}

/** May the viewer use `app` (E5)? One settings read for external people; none for staff. */
export async function externalMayUse(viewer: AccessSubject, app: ExternalApp, db?: Db): Promise<boolean> {
  if (viewer.isWebmaster || viewer.audience === "organisational") return true;
  return (await getExternalAccess(db))[app] === true;
}

/** The apps the viewer may use, for navigation (one read). */
export async function appsFor(viewer: AccessSubject, db?: Db): Promise<Record<ExternalApp, boolean>> {
  const access = await getExternalAccess(db);
  const staff = viewer.isWebmaster || viewer.audience === "organisational";
  return Object.fromEntries(EXTERNAL_APPS.map((a) => [a, staff || access[a] === true])) as Record<ExternalApp, boolean>;
}
