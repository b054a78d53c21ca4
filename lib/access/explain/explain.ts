import "server-only";
/**
 * B1: why a person can, or cannot, view a section, an item, a group or a group's file. The
 * verdict is the pages' own (lib/access/filters.ts, decided for the person in SQL); the paths,
 * blocks and remedies are read separately from the memberships, roles and settings they rest
 * on (./facts.ts), named as the asker may name them. Who may ask is decided by the caller
 * (lib/access-explain/queries.ts); this module answers whoever it is told is asking.
 */
import type { Db } from "@/db/client";
import type { AccessSubject } from "../types";
import {
  type GroupFacts,
  type PersonFacts,
  type SectionNames,
  decideFile,
  decideGroup,
  decideItem,
  decideSection,
  readGroupName,
  readPerson,
  subjectOf,
} from "./facts";
import { groupGrants } from "./group-grants";
import { type SectionVia, sectionReach } from "./section-reach";
import type { AccessBlock, AccessPath, AccessRemedy, ExplainTarget, Explanation, GroupRef, TeamRef } from "./types";
type GroupVia = "self" | "home" | "file";

/** The explanation, or null when the person or the target does not exist. */
export async function explainAccess(db: Db, asker: AccessSubject, personId: string, target: ExplainTarget): Promise<Explanation | null> {
  const person = await readPerson(db, personId);
  if (!person) return null;
  const explained = { id: person.id, name: person.name, audience: person.audience, isWebmaster: person.isWebmaster, blocked: person.blocked };
  switch (target.kind) {
    case "section": {
      const facts = await decideSection(db, subjectOf(person), target.id);
      if (!facts) return null;
      const reach = await sectionReach(db, asker, person, [facts.id]);
      const self = reach.names.get(facts.id)!;
      return {
        person: explained,
        target: { kind: "section", id: facts.id, title: facts.title, href: `/sections/${facts.slug}` },
        canView: facts.canView,
        paths: [...webmasterPath(person), ...reach.paths("self", facts.id)],
        blocks: facts.canView ? [] : sectionBlocks("self", person, self),
        remedies: facts.canView ? [] : sectionRemedies(person, self, reach.ownTeams),
      };
    }
    case "item": {
      const facts = await decideItem(db, subjectOf(person), target.id);
      if (!facts) return null;
      const sectionIds = [...(facts.homeSectionId === null ? [] : [facts.homeSectionId]), ...facts.shareIds];
      const [reach, group] = await Promise.all([
        sectionReach(db, asker, person, sectionIds),
        facts.homeGroupId === null ? null : groupReach(db, asker, person, facts.homeGroupId),
      ]);
      const base = {
        person: explained,
        target: { kind: "item" as const, id: facts.id, title: facts.title, href: `/content/${facts.id}`, status: facts.status },
        canView: facts.canView,
      };
      const paths: AccessPath[] = [...webmasterPath(person)];
      if (facts.status === "draft") {
        if (facts.authorId === person.id) paths.push({ kind: "draft-author" });
        if (facts.homeSectionId !== null) {
          const home = reach.names.get(facts.homeSectionId)!;
          if (home.ref.name === null) {
            if (reach.draftRoles(facts.homeSectionId).length) paths.push({ kind: "hidden-place", place: "section" });
          } else {
            for (const g of reach.draftRoles(facts.homeSectionId)) paths.push({ kind: "draft-role", role: g.role as "editor" | "manager", at: reach.names.get(g.atId)!.ref, home: home.ref });
          }
        }
        if (group?.facts.admin === true) paths.push(group.ref.name === null ? { kind: "hidden-place", place: "group" } : { kind: "draft-group-admin", group: group.ref });
      } else {
        if (facts.homeSectionId !== null) paths.push(...reach.paths("home", facts.homeSectionId));
        for (const id of facts.shareIds) paths.push(...reach.paths("share", id));
        if (group) paths.push(...groupPaths("home", person, group));
      }
      if (facts.canView) return { ...base, paths, blocks: [], remedies: [] };

      const blocks: AccessBlock[] = [];
      const remedies: AccessRemedy[] = [];
      if (facts.status === "draft") {
        blocks.push({ kind: "draft", home: facts.homeSectionId === null ? "group" : "section" });
        // Would they see it once published? Asked of the pages' predicates, place by place.
        const onceOpen = await Promise.all(sectionIds.map((id) => decideSection(db, subjectOf(person), id).then((s) => s?.canView === true)));
        if (onceOpen.some(Boolean) || group?.facts.canRead === true) remedies.push({ kind: "publish" });
        if (facts.homeSectionId !== null) {
          const home = reach.names.get(facts.homeSectionId)!;
          if (home.ref.name !== null) remedies.push({ kind: "give-role", role: "editor", section: home.ref });
        } else if (group && group.ref.name !== null) {
          remedies.push({ kind: "make-group-admin", group: group.ref });
        }
      } else {
        if (facts.homeSectionId !== null) {
          const home = reach.names.get(facts.homeSectionId)!;
          blocks.push(...sectionBlocks("home", person, home));
          remedies.push(...sectionRemedies(person, home, reach.ownTeams));
        }
        for (const id of facts.shareIds) blocks.push(...sectionBlocks("share", person, reach.names.get(id)!));
        if (group) {
          blocks.push(...groupBlocks("home", person, group));
          remedies.push(...groupRemedies(person, group));
        }
      }
      return { ...base, paths, blocks, remedies };
    }
    case "group": {
      const group = await groupReach(db, asker, person, target.id);
      if (!group) return null;
      return groupExplanation(explained, person, group, { kind: "group", id: group.facts.id, title: group.facts.name, href: `/groups/${group.facts.slug}` }, group.facts.canRead, "self");
    }
    case "file": {
      const file = await decideFile(db, subjectOf(person), target.id);
      if (!file) return null;
      const group = await groupReach(db, asker, person, file.groupId);
      if (!group) return null;
      return groupExplanation(explained, person, group, { kind: "file", id: file.id, title: file.name, href: `/groups/${group.facts.slug}/files/${file.id}` }, file.canView, "file");
    }
  }
}

function webmasterPath(person: PersonFacts): AccessPath[] {
  return person.isWebmaster ? [{ kind: "webmaster" }] : [];
}

// ---------------------------------------------------------------------------------
// Sections.
// ---------------------------------------------------------------------------------

function sectionBlocks(via: SectionVia, person: PersonFacts, section: SectionNames): AccessBlock[] {
  if (person.isWebmaster) return [];
  if (person.audience === "external") return [{ kind: "external-not-member", via, section: section.ref }];
  const restricted = [section, ...section.above].filter((s) => s.restricted).map((s) => s.ref);
  return [{ kind: "restricted", via, section: section.ref, restricted }];
}

/** S2 S5 S6: the person added to the section, one of their teams added, or (staff) every restriction above it lifted. */
function sectionRemedies(person: PersonFacts, section: SectionNames, ownTeams: TeamRef[]): AccessRemedy[] {
  if (section.ref.name === null) return [];
  const remedies: AccessRemedy[] = [{ kind: "add-member", section: section.ref }];
  for (const team of ownTeams) if (team.name !== null) remedies.push({ kind: "add-team", team, section: section.ref });
  if (person.audience === "organisational") {
    const restricted = [section, ...section.above].filter((s) => s.restricted).map((s) => s.ref);
    // Lifting a restriction the asker cannot see is not theirs to do.
    if (restricted.length && restricted.every((s) => s.name !== null)) remedies.push({ kind: "lift-restricted", sections: restricted });
  }
  return remedies;
}

// ---------------------------------------------------------------------------------
// Groups.
// ---------------------------------------------------------------------------------

interface GroupReach {
  facts: GroupFacts;
  ref: GroupRef;
}

async function groupReach(db: Db, asker: AccessSubject, person: PersonFacts, groupId: number): Promise<GroupReach | null> {
  const facts = await decideGroup(db, subjectOf(person), groupId);
  if (!facts) return null;
  return { facts, ref: await readGroupName(db, asker, facts) };
}

/** G1 G3 G5 G6: membership, and a public group's openness to staff and (with the switch) external people. */
function groupPaths(via: GroupVia, person: PersonFacts, group: GroupReach): AccessPath[] {
  const grants = groupGrants(person, group.facts);
  if (!grants.length) return [];
  if (group.ref.name === null) return [{ kind: "hidden-place", place: "group" }];
  return grants.map((grant) => ({ kind: "group", via, group: group.ref, grant }));
}

function groupBlocks(via: GroupVia, person: PersonFacts, group: GroupReach): AccessBlock[] {
  const { facts } = group;
  if (person.isWebmaster || facts.admin !== null) return [];
  if (facts.visibility !== "public") return [{ kind: "members-only", via, group: group.ref }];
  if (person.audience === "external" && !facts.switchOn) return [{ kind: "groups-switch-off", via, group: group.ref }];
  return [];
}

function groupRemedies(person: PersonFacts, group: GroupReach): AccessRemedy[] {
  const { facts } = group;
  if (group.ref.name === null || person.isWebmaster || facts.admin !== null) return [];
  const how = facts.requested ? "approve-request" : facts.visibility === "secret" && !facts.invited ? "invite" : "add";
  const remedies: AccessRemedy[] = [{ kind: "add-to-group", group: group.ref, how }];
  if (facts.visibility === "public" && person.audience === "external" && !facts.switchOn) remedies.push({ kind: "groups-switch-on" });
  return remedies;
}

function groupExplanation(
  person: Explanation["person"],
  facts: PersonFacts,
  group: GroupReach,
  target: Explanation["target"],
  canView: boolean,
  via: GroupVia,
): Explanation {
  return {
    person,
    target,
    canView,
    groupListed: group.facts.listed,
    paths: [...webmasterPath(facts), ...groupPaths(via, facts, group)],
    blocks: canView ? [] : groupBlocks(via, facts, group),
    remedies: canView ? [] : groupRemedies(facts, group),
  };
}

