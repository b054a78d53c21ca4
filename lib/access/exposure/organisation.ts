import "server-only";
/**
 * B4 B3: everything a partner organisation's external people can view: the sections their
 * memberships reach (for external people exactly the sections they view, S6), the groups they
 * read (their own, and every public group while the Groups switch is on, E5), with how many
 * of them each path serves and the published items there.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { uuidArray } from "@/db/sql";
import { externalSwitchOn } from "../external-access";
import { isVisibleGroupRow } from "../filters";
import type { AccessSubject } from "../types";
import { type RawSectionGrant, readPeopleGrants } from "../explain/facts";
import { effectivelyRestricted, grantsBySection, nameGrants } from "../explain/section-reach";
import type { AccessPath, GroupGrant } from "../explain/types";
import { countItems } from "./item-counts";
import { groupRefOf, sortGroups, sortSections } from "./order";
import type { ExposedGroup, ExposedSection, ExposureReason, ExposureReport } from "./types";

/** An organisation's name as people type it: case and surrounding spaces do not matter. */
export const organisationKey = (name: string) => name.trim().toLowerCase();

/** The organisation's report, or null when no external person belongs to it. */
export async function organisationExposure(db: Db, asker: AccessSubject, name: string): Promise<ExposureReport | null> {
  const key = organisationKey(name);
  if (!key) return null;
  const people = rowsOf<{ id: string; organisation: string }>(
    await db.execute(sql`select p.id, p.organisation from people p where p.audience = 'external' and lower(trim(p.organisation)) = ${key} order by p.id`),
  );
  if (!people.length) return null;
  const ids = people.map((p) => p.id);
  const [grants, groupRows] = await Promise.all([
    readPeopleGrants(db, ids, null),
    db.execute(sql`
      with org_people as (select unnest(${uuidArray(ids)}) as person_id)
      select g.id, g.name, g.slug, g.visibility,
        (select count(*)::int from group_members gm join org_people o on o.person_id = gm.person_id where gm.group_id = g.id and gm.is_admin) as admins,
        (select count(*)::int from group_members gm join org_people o on o.person_id = gm.person_id where gm.group_id = g.id and not gm.is_admin) as members,
        (${externalSwitchOn("groups")}) as switch_on,
        (${isVisibleGroupRow(asker, { id: sql`g.id`, visibility: sql`g.visibility` })}) as named
      from groups g
      where g.id in (select gm.group_id from group_members gm join org_people o on o.person_id = gm.person_id)
        or (g.visibility = 'public' and ${externalSwitchOn("groups")})`),
  ]);
  const groups = rowsOf<{ id: number; name: string; slug: string; visibility: "public" | "private" | "secret"; admins: number; members: number; switch_on: boolean; named: boolean }>(groupRows);
  const sectionIds = [...new Set(grants.map((g) => g.sectionId))];
  const [named, counts] = await Promise.all([nameGrants(db, asker, grants, sectionIds), countItems(db, sectionIds, groups.map((g) => Number(g.id)))]);

  const bySection = grantsBySection(grants);
  const sections: ExposedSection[] = sectionIds.map((id) => {
    const names = named.names.get(id)!;
    const mine = bySection.get(id)!;
    const reasons: ExposureReason[] =
      names.ref.name === null
        ? [{ path: { kind: "hidden-place", place: "section" }, people: distinctPeople(mine) }]
        : groupByPath(mine).map(([g, list]) => ({ path: { kind: "section", via: "self", section: names.ref, grant: named.grantOf(g) }, people: distinctPeople(list) }));
    return { section: names.ref, restricted: effectivelyRestricted(names), items: counts.bySection.get(id) ?? 0, people: distinctPeople(mine), reasons };
  });

  const exposedGroups: ExposedGroup[] = groups.map((g) => {
    const ref = groupRefOf(g);
    const admins = Number(g.admins);
    const members = Number(g.members);
    const open = g.visibility === "public" && g.switch_on === true;
    const grants: [GroupGrant, number][] = [
      ...(admins ? [[{ kind: "member", admin: true }, admins] as [GroupGrant, number]] : []),
      ...(members ? [[{ kind: "member", admin: false }, members] as [GroupGrant, number]] : []),
      ...(open ? [[{ kind: "public-with-switch" }, people.length] as [GroupGrant, number]] : []),
    ];
    const reasons: ExposureReason[] =
      ref.name === null
        ? [{ path: { kind: "hidden-place", place: "group" }, people: open ? people.length : admins + members }]
        : grants.map(([grant, n]) => ({ path: { kind: "group", via: "self", group: ref, grant } as AccessPath, people: n }));
    return { group: ref, items: counts.byGroup.get(Number(g.id)) ?? 0, people: open ? people.length : admins + members, reasons };
  });

  return {
    subject: {
      kind: "organisation",
      key: people[0]!.organisation.trim(),
      name: people[0]!.organisation.trim(),
      href: null,
      people: people.length,
      externalPeople: people.length,
      blocked: false,
      teamsAbove: [],
    },
    sections: sortSections(sections),
    groups: sortGroups(exposedGroups),
    items: counts.total,
  };
}

/** How many people a set of grants belongs to. */
function distinctPeople(grants: readonly RawSectionGrant[]): number {
  return new Set(grants.map((g) => g.personId)).size;
}

/** The same path held by several people, once, with everyone it serves. */
function groupByPath(grants: readonly RawSectionGrant[]): [RawSectionGrant, RawSectionGrant[]][] {
  const out = new Map<string, [RawSectionGrant, RawSectionGrant[]]>();
  for (const g of grants) {
    const key = `${g.kind}:${g.atId}:${g.role ?? ""}:${g.ownTeamId ?? ""}:${g.addedTeamId ?? ""}:${g.includeChildren}`;
    const entry = out.get(key);
    if (entry) entry[1].push(g);
    else out.set(key, [g, [g]]);
  }
  return [...out.values()];
}
