import "server-only";
/** Reading who moderates each app (G8): webmasters only, on the Apps page. */
import { asc, eq, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { appModerators, people } from "@/db/schema";
import type { AccessSubject } from "@/lib/access/types";
import { type PersonMatch, searchPeople } from "@/lib/people/search";
import { SWITCHABLE_APPS, type SwitchableApp } from "@/lib/settings/schemas";

export interface AppModerator {
  id: string;
  name: string;
  email: string;
}

/** Every app's moderators in name order; null for anyone but a webmaster. */
export async function listAppModerators(viewer: AccessSubject, given?: Db): Promise<Record<SwitchableApp, AppModerator[]> | null> {
  if (!viewer.isWebmaster) return null;
  const db = given ?? (await getDb());
  const rows = await db
    .select({ app: appModerators.app, id: people.id, name: people.name, email: people.email })
    .from(appModerators)
    .innerJoin(people, eq(people.id, appModerators.personId))
    .orderBy(asc(people.name), asc(people.id));
  const byApp = Object.fromEntries(SWITCHABLE_APPS.map((a) => [a, [] as AppModerator[]])) as Record<SwitchableApp, AppModerator[]>;
  for (const { app, ...person } of rows) byApp[app].push(person);
  return byApp;
}

/** The picker's matches: organisational, unblocked people who do not moderate the app yet (the caller checked the viewer is a webmaster). */
export function searchModeratorCandidates(db: Db, app: SwitchableApp, query: string): Promise<PersonMatch[]> {
  return searchPeople(query, {
    db,
    where: sql`${people.audience} = 'organisational' and not exists (select 1 from app_moderators am where am.app = ${app} and am.person_id = ${people.id})`,
  });
}
