import "server-only";
/**
 * Section management writes (S1, S2, S5, S7, S8). Each runs inside the
 * transaction of a server action (lib/sections/actions.ts) that has already checked
 * the viewer's permission; each refuses bad references with a clear message.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { people, sectionMemberPeople, sectionMemberTeams, sectionRoles, sectionSlugRedirects, sections } from "@/db/schema";
import { TreeCycleError, addSectionToTree, moveSectionInTree, refreshEffectivelyRestricted } from "@/db/trees";
import { visibleSections } from "@/lib/access/filters";
import type { AccessSubject } from "@/lib/access/types";
import { ActionError } from "@/lib/actions";
import { externalAmong, teamReach } from "./queries";
import { S8_MESSAGE, type SectionDetailsInput, roleS8Consequence } from "./schemas";

type Role = "manager" | "editor" | "author";

async function requireSection(tx: Db, sectionId: number) {
  const [row] = await tx.select({ id: sections.id, slug: sections.slug, title: sections.title }).from(sections).where(eq(sections.id, sectionId));
  if (!row) throw new ActionError("This section no longer exists.");
  return row;
}

async function requirePeople(tx: Db, personIds: string[]): Promise<void> {
  const found = await tx.select({ id: people.id }).from(people).where(inArray(people.id, personIds));
  if (found.length !== new Set(personIds).size) throw new ActionError("One or more of the people chosen no longer exist. Search for them again.", "personIds");
}

/**
 * S1, C5: a slug is free when no section has it now AND no other section still answers it
 * as an old, redirecting address: taking one would send everyone's old links and
 * bookmarks to a different section (and its content) without a word. A section may take
 * back its own old address; that redirect is then released. The message names the
 * section holding the address only to someone who can view it (S5, S6).
 */
async function claimSlug(tx: Db, viewer: AccessSubject, slug: string, sectionId: number | null): Promise<void> {
  const [taken] = await tx.select({ id: sections.id }).from(sections).where(eq(sections.slug, slug));
  if (taken && taken.id !== sectionId) throw new ActionError("Another section already uses this web address. Choose another.", "slug");
  const [held] = await tx.select({ sectionId: sectionSlugRedirects.sectionId }).from(sectionSlugRedirects).where(eq(sectionSlugRedirects.oldSlug, slug));
  if (held && held.sectionId !== sectionId) {
    const [visible] = await tx.select({ title: sections.title }).from(sections).where(and(eq(sections.id, held.sectionId), visibleSections(viewer)));
    const holder = visible ? `The section “${visible.title}”` : "Another section";
    throw new ActionError(`${holder} used this web address before and old links to it still lead there. Choose another.`, "slug");
  }
  if (held) await tx.delete(sectionSlugRedirects).where(eq(sectionSlugRedirects.oldSlug, slug));
}

/** S2, S8: adds people as direct members; external people need the acknowledgement. */
export async function addMembers(tx: Db, input: { sectionId: number; personIds: string[]; acknowledgeExternal: boolean }) {
  await requireSection(tx, input.sectionId);
  await requirePeople(tx, input.personIds);
  const externals = await externalAmong(input.personIds, tx);
  if (externals.length && !input.acknowledgeExternal) {
    throw new ActionError(`${S8_MESSAGE}. Tick the box to confirm before adding ${externals.map((e) => e.name).join(", ")}.`, "acknowledgeExternal");
  }
  const added = await tx
    .insert(sectionMemberPeople)
    .values(input.personIds.map((personId) => ({ sectionId: input.sectionId, personId })))
    .onConflictDoNothing()
    .returning({ personId: sectionMemberPeople.personId });
  return { added: added.length, externals: externals.length };
}

/** Ends direct membership and the roles held on this section (a role implies membership, S7). */
export async function removeMembers(tx: Db, input: { sectionId: number; personIds: string[] }) {
  await requireSection(tx, input.sectionId);
  const members = await tx
    .delete(sectionMemberPeople)
    .where(and(eq(sectionMemberPeople.sectionId, input.sectionId), inArray(sectionMemberPeople.personId, input.personIds)))
    .returning({ personId: sectionMemberPeople.personId });
  const roles = await tx
    .delete(sectionRoles)
    .where(and(eq(sectionRoles.sectionId, input.sectionId), inArray(sectionRoles.personId, input.personIds)))
    .returning({ personId: sectionRoles.personId });
  if (!members.length && !roles.length) throw new ActionError("None of the people chosen are members of this section any more.");
  return { removed: new Set([...members, ...roles].map((r) => r.personId)).size };
}

/** S2, S8: adds a team (optionally with its child teams); externals in it need the acknowledgement. */
export async function addTeam(tx: Db, viewer: AccessSubject, input: { sectionId: number; teamId: number; includeChildren: boolean; acknowledgeExternal: boolean }) {
  await requireSection(tx, input.sectionId);
  // Only a team the viewer's picker could offer (E4, E5); any other answers as a missing one,
  // so team ids cannot be tried one by one to learn names and sizes.
  const reach = await teamReach(input.teamId, input.includeChildren, tx, viewer);
  if (!reach) throw new ActionError("This team no longer exists. Search for it again.", "teamId");
  if (reach.externalMembers > 0 && !input.acknowledgeExternal) {
    throw new ActionError(`${S8_MESSAGE}: this team includes external people. Tick the box to confirm.`, "acknowledgeExternal");
  }
  const [added] = await tx
    .insert(sectionMemberTeams)
    .values({ sectionId: input.sectionId, teamId: input.teamId, includeChildren: input.includeChildren })
    .onConflictDoNothing()
    .returning({ teamId: sectionMemberTeams.teamId });
  if (!added) throw new ActionError("This team is already a member of the section.", "teamId");
  return reach;
}

export async function removeTeams(tx: Db, input: { sectionId: number; teamIds: number[] }) {
  await requireSection(tx, input.sectionId);
  const removed = await tx
    .delete(sectionMemberTeams)
    .where(and(eq(sectionMemberTeams.sectionId, input.sectionId), inArray(sectionMemberTeams.teamId, input.teamIds)))
    .returning({ teamId: sectionMemberTeams.teamId });
  if (!removed.length) throw new ActionError("None of the teams chosen are members of this section any more.");
  return { removed: removed.length };
}

/**
 * S7: roles go to people only, never teams. Adding a role to someone who is not yet a
 * member would give them access the S8 review never showed, so only listed people
 * (direct members or holders of a role here) can be given one. S8: giving an external
 * person a role gives them its powers here and below, so it needs the acknowledgement too.
 */
export async function changeRoles(tx: Db, input: { sectionId: number; personIds: string[]; roles: Role[]; change: "add" | "remove"; acknowledgeExternal: boolean }) {
  const section = await requireSection(tx, input.sectionId);
  if (input.change === "remove") {
    const removed = await tx
      .delete(sectionRoles)
      .where(and(eq(sectionRoles.sectionId, input.sectionId), inArray(sectionRoles.personId, input.personIds), inArray(sectionRoles.role, input.roles)))
      .returning({ personId: sectionRoles.personId });
    return { changed: removed.length, externals: 0 };
  }
  const listed = await tx
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        inArray(people.id, input.personIds),
        sql`(${people.id} in (select person_id from section_member_people where section_id = ${input.sectionId})
          or ${people.id} in (select person_id from section_roles where section_id = ${input.sectionId}))`,
      ),
    );
  if (listed.length !== new Set(input.personIds).size) {
    throw new ActionError("Roles can only be given to people who are members of this section. Add them as members first.", "personIds");
  }
  const externals = await externalAmong(input.personIds, tx);
  if (externals.length && !input.acknowledgeExternal) {
    const consequence = roleS8Consequence(input.roles, section.title);
    throw new ActionError(
      `${consequence.charAt(0).toUpperCase()}${consequence.slice(1)}. Tick the box to confirm before giving ${externals.map((e) => e.name).join(", ")} a role.`,
      "acknowledgeExternal",
    );
  }
  const added = await tx
    .insert(sectionRoles)
    .values(input.personIds.flatMap((personId) => input.roles.map((role) => ({ sectionId: input.sectionId, personId, role }))))
    .onConflictDoNothing()
    .returning({ personId: sectionRoles.personId });
  return { changed: added.length, externals: externals.length };
}

/** S5: the Restricted flag; the whole subtree's effective flag follows. */
export async function setRestricted(tx: Db, input: { sectionId: number; restricted: boolean; confirmed: boolean }) {
  await requireSection(tx, input.sectionId);
  if (!input.restricted && !input.confirmed) {
    throw new ActionError("Confirm that everyone in the organisation may view this section before removing the restriction.", "confirmed");
  }
  await tx.update(sections).set({ restricted: input.restricted }).where(eq(sections.id, input.sectionId));
  await refreshEffectivelyRestricted(tx, input.sectionId);
  return { restricted: input.restricted };
}

/** Title, description and address; an old address keeps working as a redirect. */
export async function updateDetails(tx: Db, viewer: AccessSubject, input: { sectionId: number } & Required<SectionDetailsInput>) {
  const current = await requireSection(tx, input.sectionId);
  if (input.slug !== current.slug) {
    await claimSlug(tx, viewer, input.slug, input.sectionId);
    await tx
      .insert(sectionSlugRedirects)
      .values({ oldSlug: current.slug, sectionId: input.sectionId })
      .onConflictDoUpdate({ target: sectionSlugRedirects.oldSlug, set: { sectionId: input.sectionId, createdAt: sql`now()` } });
  }
  await tx.update(sections).set({ title: input.title, description: input.description, slug: input.slug }).where(eq(sections.id, input.sectionId));
  return { slug: input.slug, previousSlug: current.slug };
}

/** S1: a new section, at the top (webmasters) or under a parent (its managers). */
export async function createSection(
  tx: Db,
  viewer: AccessSubject,
  input: { parentId: number | null; title: string; description: string; slug: string; restricted: boolean },
) {
  if (input.parentId !== null) await requireSection(tx, input.parentId);
  await claimSlug(tx, viewer, input.slug, null);
  const [row] = await tx
    .insert(sections)
    .values({ title: input.title, description: input.description, slug: input.slug, restricted: input.restricted, parentId: input.parentId })
    .returning({ id: sections.id, slug: sections.slug });
  await addSectionToTree(tx, row!.id, input.parentId);
  return row!;
}

/** Webmasters move a section (and everything below it) under another, or to the top. */
export async function moveSection(tx: Db, input: { sectionId: number; newParentId: number | null }) {
  await requireSection(tx, input.sectionId);
  if (input.newParentId !== null) await requireSection(tx, input.newParentId);
  try {
    await moveSectionInTree(tx, input.sectionId, input.newParentId);
  } catch (error) {
    if (error instanceof TreeCycleError) throw new ActionError("A section cannot be moved under itself or one of its own subsections.", "newParentId");
    throw error;
  }
  return { moved: true };
}
