import "server-only";
/**
 * D3: the whole organisation as one organisation file (docs/ORG-FILE.md), as JSON text in
 * pieces: teams, locations, people, sections, groups (with their files' versions), content
 * (with its history and images), the apps (moderators, ideas, wall posts, queries) and the
 * settings the file holds. What loads it back: `npm run db:seed
 * -- --file <the export's zip>`.
 */
import type { Db } from "@/db/connect";
import type { OrgFile } from "@/lib/org-file/schema";
import { getAppAccessSettings } from "@/lib/settings/queries";
import { groupsExportPage } from "../groups";
import { appModeratorsOf, ideaPages, queryPages, wallPostPages } from "./apps";
import { contentPages } from "./content";
import { locationPages, peoplePages, teamPages } from "./directory";
import { jsonList } from "./pages";
import { sectionPages } from "./sections";

async function* groupPages(db: Db): AsyncGenerator<OrgFile["groups"]> {
  let after: number | null = 0;
  while (after !== null) {
    const page = await groupsExportPage(db, after);
    after = page.next;
    yield page.groups;
  }
}

export async function* orgFileText(db: Db): AsyncGenerator<string> {
  yield "{";
  yield* jsonList("teams", teamPages(db), true);
  yield* jsonList("locations", locationPages(db));
  yield* jsonList("people", peoplePages(db));
  yield* jsonList("sections", sectionPages(db));
  yield* jsonList("groups", groupPages(db));
  yield* jsonList("content", contentPages(db));
  yield* jsonList("ideas", ideaPages(db));
  yield* jsonList("wallPosts", wallPostPages(db));
  yield* jsonList("queries", queryPages(db));
  yield `,\n"appModerators":${JSON.stringify(await appModeratorsOf(db))}`;
  const { externalAccess, appsEnabled } = await getAppAccessSettings(db);
  const settings: NonNullable<OrgFile["settings"]> = { externalAccess, appsEnabled };
  yield `,\n"settings":${JSON.stringify(settings)}\n}\n`;
}
