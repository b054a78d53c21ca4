import "server-only";
/**
 * B2 S7: what a section manager sees of a person when viewing as them, for one person of a
 * random organisation (lib/access/model.test.ts calls it for every person): the person
 * narrowed to the sections the manager manages (Viewer.withinSections), asked with the
 * predicates every page uses, is exactly
 *   - the sections the model says the person views, within the manager's sections;
 *   - the items the model says they view through those sections: a published item whose home
 *     or a section it is shared into (a group's item too) is one of them and visible to the
 *     person; a draft they may see that is homed there;
 *   - no group at all.
 * The manager is the organisation's first manager other than the person; the expected sets
 * come from the organisation file and the model alone.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { content, groups, sections } from "@/db/schema";
import { visibleContent, visibleGroups, visibleSections } from "@/lib/access/filters";
import type { AccessSubject } from "@/lib/access/types";
import type { PersonModel, ReferenceModel } from "./reference-model";

type OrgFile = ReferenceModel["org"];

export function checkSeenByManager(ctx: {
  db: Db;
  org: OrgFile;
  m: PersonModel;
  viewer: AccessSubject;
  sectionId: Map<string, number>;
  same: (surface: string, expected: unknown, actual: unknown) => void;
}): Promise<void>[] {
  const { db, org, m, viewer, sectionId, same } = ctx;
  // loadViewer never narrows a webmaster (a manager may not view as one).
  if (m.isWebmaster) return [];
  const me = m.email.toLowerCase();
  const managerOf = (s: OrgFile["sections"][number]) => (s.roles ?? []).filter((r) => r.role === "manager").map((r) => r.person.toLowerCase());
  const manager = org.sections.flatMap(managerOf).find((email) => email !== me);
  if (!manager) return [];
  const roots = org.sections.filter((s) => managerOf(s).includes(manager)).map((s) => s.slug);
  const within = new Set<string>();
  const addBelow = (slug: string) => {
    if (within.has(slug)) return;
    within.add(slug);
    for (const child of org.sections.filter((s) => s.parent === slug)) addBelow(child.slug);
  };
  roots.forEach(addBelow);

  const seen: AccessSubject = { ...viewer, withinSections: roots.map((slug) => sectionId.get(slug)!) };
  const expectedSections = org.sections.filter((s) => within.has(s.slug) && m.canViewSection(s.slug)).map((s) => s.slug);
  const expectedItems = org.content
    .filter((c) =>
      c.status === "draft"
        ? c.section !== undefined && within.has(c.section) && m.canViewItem(c.key)
        : // C2: through its home or a section it is shared into (a group's item too), never through its group.
          [...(c.section === undefined ? [] : [c.section]), ...(c.sharedInto ?? [])].some((slug) => within.has(slug) && m.canViewSection(slug)),
    )
    .map((c) => c.key);
  const sorted = (xs: (string | null)[]) => xs.map(String).sort();
  const surface = (what: string) => `${what} seen by section manager ${manager} viewing as them, within ${JSON.stringify(roots)} (B2 S7)`;
  return [
    (async () => same(surface("sections"), sorted(expectedSections), sorted((await db.select({ slug: sections.slug }).from(sections).where(visibleSections(seen))).map((r) => r.slug))))(),
    (async () => same(surface("items"), sorted(expectedItems), sorted((await db.select({ key: content.importKey }).from(content).where(visibleContent(seen))).map((r) => r.key))))(),
    (async () => same(surface("groups"), [], (await db.select({ one: sql<number>`1` }).from(groups).where(visibleGroups(seen))).map(() => "group")))(),
  ];
}
