import "server-only";
/**
 * E5: the "External user access" switches, and the apps' own on/off switch, as the one place
 * every app and directory asks "may this person use it?".
 *   - An app a webmaster turned off for everyone (settings "appsEnabled": Ideas, Message Wall,
 *     Queries) is absent for all, webmasters included.
 *   - Otherwise organisational people and webmasters: always. External people: only while
 *     the webmaster's switch for that app is on (settings "externalAccess", all off by
 *     default). Groups are special only in that externals never create them (E5): callers
 *     that create groups check `audience` themselves.
 *
 * Every app (existing or future: ideas, wall, queries, people and locations directories)
 * MUST use these, at every entry point:
 *   - pages:            `const viewer = await requireExternalApp("ideas")` (./external-guard.ts, 404 when off)
 *   - route handlers:   `if (!(await externalMayUse(viewer, "ideas"))) return 404`
 *   - server actions:   `authorize: ({ viewer, tx }) => externalMayUse(viewer, "ideas", tx)`
 *   - SQL predicates:   `mayUseAppSql(viewer, "ideas")` (search, feeds: entries of an app the viewer may not use never appear)
 *   - navigation:       `viewer.apps` (read with the account, ./viewer.ts) or `appsFor`
 *   - middleware:       add the app's path to EXTERNAL_PREFIXES in lib/routes.ts (optimistic only:
 *                       it lets externals reach the page, whose guard decides)
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getAppAccessSettings } from "@/lib/settings/queries";
import { type AppsEnabled, EXTERNAL_APPS, type ExternalAccess, type ExternalApp, isSwitchableApp } from "@/lib/settings/schemas";
import type { AccessSubject } from "./types";

/** SQL: the external switch for `app` is on (not whether the app itself is on: see mayUseAppSql). */
export function externalSwitchOn(app: ExternalApp): SQL {
  if (!EXTERNAL_APPS.includes(app)) throw new Error(`unknown app ${app}`);
  return sql`exists (select 1 from settings st where st.key = 'externalAccess' and coalesce((st.value ->> ${app})::boolean, false))`;
}

/** SQL: the app is on for everyone (apps without their own switch always are). */
export function appEnabledSql(app: ExternalApp): SQL {
  if (!isSwitchableApp(app)) return sql`true`;
  return sql`not exists (select 1 from settings st_on where st_on.key = 'appsEnabled' and (st_on.value ->> ${app})::boolean is false)`;
}

/** SQL: the viewer may use `app` (externalMayUse as a predicate, for queries that list an app's entries). */
export function mayUseAppSql(viewer: AccessSubject, app: ExternalApp): SQL {
  const enabled = appEnabledSql(app);
  if (viewer.isWebmaster || viewer.audience === "organisational") return enabled;
  return sql`(${enabled} and ${externalSwitchOn(app)})`;
}

/** The rule on the settings as read: may a person of this kind use `app`? */
export function mayUseApp(
  viewer: Pick<AccessSubject, "audience" | "isWebmaster">,
  app: ExternalApp,
  settings: { externalAccess: ExternalAccess; appsEnabled: AppsEnabled },
): boolean {
  if (isSwitchableApp(app) && settings.appsEnabled[app] === false) return false;
  if (viewer.isWebmaster || viewer.audience === "organisational") return true;
  return settings.externalAccess[app] === true;
}

/** May the viewer use `app` (E5, and the app is on)? One settings read. */
export async function externalMayUse(viewer: AccessSubject, app: ExternalApp, db?: Db): Promise<boolean> {
  if (!isSwitchableApp(app) && (viewer.isWebmaster || viewer.audience === "organisational")) return true;
  return mayUseApp(viewer, app, await getAppAccessSettings(db));
}

/** The apps the viewer may use, for navigation (one read). */
export async function appsFor(viewer: AccessSubject, db?: Db): Promise<Record<ExternalApp, boolean>> {
  const settings = await getAppAccessSettings(db);
  return appsFromSettings(viewer, settings);
}

export function appsFromSettings(
  viewer: Pick<AccessSubject, "audience" | "isWebmaster">,
  settings: { externalAccess: ExternalAccess; appsEnabled: AppsEnabled },
): Record<ExternalApp, boolean> {
  return Object.fromEntries(EXTERNAL_APPS.map((a) => [a, mayUseApp(viewer, a, settings)])) as Record<ExternalApp, boolean>;
}
