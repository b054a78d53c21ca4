import "server-only";
/**
 * B4: everything one person can view: every section (the pages' own predicate, decided for
 * them), every group whose content they read, the published items there, and every path
 * that grants each (the explainer's, B1).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { externalSwitchOn } from "../external-access";
import { isReadableGroupId, isVisibleGroupRow, isVisibleSectionRow } from "../filters";
import type { AccessSubject } from "../types";
import { readPerson, subjectOf } from "../explain/facts";
import { groupGrants } from "../explain/group-grants";
import { effectivelyRestricted, sectionReach } from "../explain/section-reach";
import type { AccessPath } from "../explain/types";
import { countItems } from "./item-counts";
import { groupRefOf, sortGroups, sortSections } from "./order";
import type { ExposedGroup, ExposedSection, ExposureReport } from "./types";

export interface ReadableGroupRow {
  id: number;
  name: string;
  slug: string;
  visibility: "public" | "private" | "secret";
  admin: boolean | null;
  switch_on: boolean;
  named: boolean;
}

/** The person's report, or null when there is no such person. */
export async function personExposure(db: Db, asker: AccessSubject, personId: string): Promise<ExposureReport | null> {
  const person = await readPerson(db, personId);
  if (!person) return null;
  const subject = subjectOf(person);
  const visible = isVisibleSectionRow(subject, { id: sql`s.id`, effectivelyRestricted: sql`s.effectively_restricted` });
  const [sectionRows, groupRows] = await Promise.all([
    db.execute(sql`select s.id from sections s where ${visible}`),
    db.execute(sql`
      select g.id, g.name, g.slug, g.visibility,
        (select gm.is_admin from group_members gm where gm.group_id = g.id and gm.person_id = ${person.id}) as admin,
        (${externalSwitchOn("groups")}) as switch_on,
        (${isVisibleGroupRow(asker, { id: sql`g.id`, visibility: sql`g.visibility` })}) as named
      from groups g where ${isReadableGroupId(subject, sql`g.id`)}`),
  ]);
  const sectionIds = rowsOf<{ id: number }>(sectionRows).map((r) => Number(r.id));
  const groups = rowsOf<ReadableGroupRow>(groupRows);
  const [reach, counts] = await Promise.all([sectionReach(db, asker, person, sectionIds), countItems(db, sectionIds, groups.map((g) => Number(g.id)))]);
  const webmaster: AccessPath[] = person.isWebmaster ? [{ kind: "webmaster" }] : [];

  const sections: ExposedSection[] = sectionIds.map((id) => {
    const names = reach.names.get(id)!;
    return {
      section: names.ref,
      restricted: effectivelyRestricted(names),
      items: counts.bySection.get(id) ?? 0,
      people: null,
      reasons: [...webmaster, ...reach.paths("self", id)].map((path) => ({ path, people: null })),
    };
  });
  const exposedGroups: ExposedGroup[] = groups.map((g) => {
    const ref = groupRefOf(g);
    const grants = groupGrants(person, { admin: g.admin, visibility: g.visibility, switchOn: g.switch_on === true });
    return {
      group: ref,
      items: counts.byGroup.get(Number(g.id)) ?? 0,
      people: null,
      reasons: [
        ...webmaster,
        ...(ref.name === null ? [{ kind: "hidden-place" as const, place: "group" as const }] : grants.map((grant): AccessPath => ({ kind: "group", via: "self", group: ref, grant }))),
      ].map((path) => ({ path, people: null })),
    };
  });

  return {
    subject: {
      kind: "person",
      key: person.id,
      name: person.name,
      href: `/people/${person.id}`,
      people: 1,
      externalPeople: person.audience === "external" ? 1 : 0,
      blocked: person.blocked,
      teamsAbove: [],
    },
    sections: sortSections(sections),
    groups: sortGroups(exposedGroups),
    items: counts.total,
  };
}
