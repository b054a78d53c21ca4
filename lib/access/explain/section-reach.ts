import "server-only";
/**
 * B1 B4: a person's grants on sections, named as the asker may name them, as the paths the
 * explainer (./explain.ts) and the exposure report (../exposure) list.
 */
import type { Db } from "@/db/client";
import type { AccessSubject } from "../types";
import { type PersonFacts, type RawSectionGrant, type SectionNames, readSectionGrants, readSectionNames, readTeamAncestors, readTeamNames } from "./facts";
import type { AccessPath, SectionGrant, TeamRef } from "./types";

export type SectionVia = "self" | "home" | "share";

/** S5: the section or one above it is restricted. */
export const effectivelyRestricted = (s: SectionNames) => s.restricted || s.above.some((a) => a.restricted);

/**
 * Names for a set of grants: the sections they reach and are made on (and `sectionIds`), and
 * each team chain, as the asker may read them; `grantOf` turns a raw grant into its words' data.
 */
export async function nameGrants(db: Db, asker: AccessSubject, grants: readonly RawSectionGrant[], sectionIds: readonly number[], teamIds: readonly number[] = []) {
  const ownTeamIds = [...new Set(grants.flatMap((g) => (g.ownTeamId === null ? [] : [g.ownTeamId])))];
  const [names, ancestors] = await Promise.all([
    readSectionNames(db, asker, [...sectionIds, ...grants.map((g) => g.sectionId), ...grants.map((g) => g.atId)]),
    readTeamAncestors(db, ownTeamIds),
  ]);
  const teams = await readTeamNames(db, asker, [...ownTeamIds, ...[...ancestors.values()].flat(), ...teamIds]);
  const teamRef = (id: number): TeamRef => teams.get(id) ?? { id, name: null, href: null };

  const grantOf = (g: RawSectionGrant): SectionGrant => {
    const at = names.get(g.atId)!.ref;
    if (g.kind === "member") return { kind: "member", at };
    if (g.kind === "role") return { kind: "role", role: g.role!, at };
    // The chain from the own team up to the team added (absent when that is the own team).
    const up = (ancestors.get(g.ownTeamId!) ?? []).slice(0, g.teamDepth).map(teamRef);
    return { kind: "team", team: teamRef(g.ownTeamId!), up, includeChildren: g.includeChildren, at };
  };
  return { names, teamRef, grantOf };
}

/** Grants by the section they reach. */
export function grantsBySection(grants: readonly RawSectionGrant[]): Map<number, RawSectionGrant[]> {
  const out = new Map<number, RawSectionGrant[]>();
  for (const g of grants) {
    const list = out.get(g.sectionId);
    if (list) list.push(g);
    else out.set(g.sectionId, [g]);
  }
  return out;
}

/**
 * The person's grants on `sectionIds`, with the names the asker may read: `paths(via, id)`
 * gives every path to one of them (S5's openness for staff, then each membership, role and team).
 */
export async function sectionReach(db: Db, asker: AccessSubject, person: PersonFacts, sectionIds: readonly number[]) {
  const grants = await readSectionGrants(db, person.id, sectionIds);
  const { names, teamRef, grantOf } = await nameGrants(db, asker, grants, sectionIds, person.teamIds);
  const bySection = grantsBySection(grants);

  return {
    names,
    /** The person's own teams, for remedies (add one of them). */
    ownTeams: person.teamIds.map(teamRef),
    paths(via: SectionVia, sectionId: number): AccessPath[] {
      const section = names.get(sectionId)!;
      const mine = bySection.get(sectionId) ?? [];
      const open = person.audience === "organisational" && !effectivelyRestricted(section);
      if (!open && !mine.length) return [];
      if (section.ref.name === null) return [{ kind: "hidden-place", place: "section" }];
      return [
        ...(open ? [{ kind: "section" as const, via, section: section.ref, grant: { kind: "open" as const } }] : []),
        ...mine.map((g) => ({ kind: "section" as const, via, section: section.ref, grant: grantOf(g) })),
      ];
    },
    /** C2 S7: the editor and manager roles that reach a draft's home section. */
    draftRoles(sectionId: number): RawSectionGrant[] {
      return (bySection.get(sectionId) ?? []).filter((g) => g.kind === "role" && (g.role === "editor" || g.role === "manager"));
    },
  };
}
