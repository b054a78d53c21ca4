import "server-only";
/**
 * Team changes (P5). Each runs inside the transaction of a server action that has already
 * checked `team.manage` (lib/teams/actions.ts). Membership is never copied anywhere: the
 * access filters read team_members live (S2), so a change applies on the next request.
 *
 * Administrators: a team that has administrators keeps at least one — only a webmaster
 * may remove or demote its last one (admins of a team above still manage it either way,
 * and a new child team starts with none of its own, managed by its parent's admins).
 */
import { and, count, eq, inArray, like, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { people, teamMembers, teams } from "@/db/schema";
import { addTeamToTree } from "@/db/trees";
import type { Viewer } from "@/lib/access/types";
import { ActionError } from "@/lib/actions";
import { keyFromName } from "./schemas";

type Actor = Pick<Viewer, "id" | "isWebmaster">;

export const EXTERNAL_CONFIRMATION_MESSAGE =
  "Some of the people you chose are external. Review what they will be able to view, then confirm to add them.";

async function lockTeam(tx: Db, teamId: number): Promise<{ id: number; key: string; name: string }> {
  // Serialises changes to one team's admins, so two removals cannot both leave "one left".
  const [team] = await tx.select({ id: teams.id, key: teams.key, name: teams.name }).from(teams).where(eq(teams.id, teamId)).for("update").limit(1);
  if (!team) throw new ActionError("This team no longer exists.");
  return team;
}

/** Adds people to a team; people already in it are left as they are. Returns who was added. */
export async function addTeamMembers(
  tx: Db,
  input: { teamId: number; personIds: string[]; confirmExternal: boolean },
): Promise<{ key: string; added: { id: string; name: string; audience: "organisational" | "external" }[] }> {
  const team = await lockTeam(tx, input.teamId);
  const ids = [...new Set(input.personIds)];
  const found = await tx
    .select({ id: people.id, name: people.name, audience: people.audience, blocked: people.blocked })
    .from(people)
    .where(inArray(people.id, ids));
  if (found.length !== ids.length || found.some((p) => p.blocked)) {
    throw new ActionError("Someone you chose can no longer be added. Remove them and try again.", "personIds");
  }
  if (found.some((p) => p.audience === "external") && !input.confirmExternal) {
    throw new ActionError(EXTERNAL_CONFIRMATION_MESSAGE, "confirmExternal");
  }
  const inserted = await tx
    .insert(teamMembers)
    .values(ids.map((personId) => ({ teamId: team.id, personId, isAdmin: false })))
    .onConflictDoNothing()
    .returning({ personId: teamMembers.personId });
  const added = new Set(inserted.map((r) => r.personId));
  return { key: team.key, added: found.filter((p) => added.has(p.id)).map(({ id, name, audience }) => ({ id, name, audience })) };
}

async function membership(tx: Db, teamId: number, personId: string) {
  const [row] = await tx
    .select({ isAdmin: teamMembers.isAdmin })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.personId, personId)))
    .limit(1);
  if (!row) throw new ActionError("This person is not in the team any more.");
  return row;
}

async function refuseLastAdmin(tx: Db, actor: Actor, teamId: number, what: string): Promise<void> {
  if (actor.isWebmaster) return;
  const [row] = await tx
    .select({ n: count() })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.isAdmin, true)));
  if ((row?.n ?? 0) <= 1) {
    throw new ActionError(`You cannot ${what} the team's only administrator. Make someone else an administrator first.`);
  }
}

export async function removeTeamMember(tx: Db, actor: Actor, input: { teamId: number; personId: string }): Promise<{ key: string }> {
  const team = await lockTeam(tx, input.teamId);
  const member = await membership(tx, team.id, input.personId);
  if (member.isAdmin) await refuseLastAdmin(tx, actor, team.id, "remove");
  await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.personId, input.personId)));
  return { key: team.key };
}

export async function setTeamAdmin(tx: Db, actor: Actor, input: { teamId: number; personId: string; isAdmin: boolean }): Promise<{ key: string }> {
  const team = await lockTeam(tx, input.teamId);
  const member = await membership(tx, team.id, input.personId);
  if (member.isAdmin === input.isAdmin) return { key: team.key };
  if (!input.isAdmin) await refuseLastAdmin(tx, actor, team.id, "demote");
  await tx
    .update(teamMembers)
    .set({ isAdmin: input.isAdmin })
    .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.personId, input.personId)));
  return { key: team.key };
}

/** Renames a team; its key (and so its address) stays the same. */
export async function renameTeam(tx: Db, input: { teamId: number; name: string }): Promise<{ key: string; oldName: string }> {
  const team = await lockTeam(tx, input.teamId);
  await tx.update(teams).set({ name: input.name }).where(eq(teams.id, team.id));
  return { key: team.key, oldName: team.name };
}

/** A key for a new team: from its name, with "-2", "-3" … when taken. */
async function freeKey(tx: Db, name: string): Promise<string> {
  const base = keyFromName(name);
  const taken = new Set(
    (
      await tx
        .select({ key: teams.key })
        .from(teams)
        .where(or(eq(teams.key, base), like(teams.key, `${base.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`)))
    ).map((r) => r.key),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Creates a team under `parentId` (P5), keeps team_closure right, and returns it. */
export async function createChildTeam(tx: Db, input: { parentId: number; name: string }): Promise<{ id: number; key: string; name: string }> {
  const parent = await lockTeam(tx, input.parentId);
  const [sibling] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.parentId, parent.id), sql`lower(${teams.name}) = lower(${input.name})`))
    .limit(1);
  if (sibling) throw new ActionError(`${parent.name} already has a team called ${input.name}.`, "name");
  const key = await freeKey(tx, input.name);
  const [team] = await tx.insert(teams).values({ key, name: input.name, parentId: parent.id }).returning({ id: teams.id, key: teams.key, name: teams.name });
  await addTeamToTree(tx, team!.id, parent.id);
  return team!;
}
