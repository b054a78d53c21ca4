import "server-only";
/**
 * D2: the team pages' answers (lib/teams/queries.ts) in the API's shape, with what the pages
 * show and nothing more: a member's id and photo only where the page links their name (E4).
 */
import type { z } from "zod";
import { apiPersonLink } from "./common";
import type { TeamNode, TeamView } from "@/lib/teams/queries";
import type { teamSchema, teamTreeSchema } from "../endpoints/teams";
import { apiImage } from "./people";

/** The tree as <TeamTree> draws it: a team whose parent is not in the list is a top. */
export function apiTeamTree(nodes: TeamNode[]): z.input<typeof teamTreeSchema> {
  const keyOf = new Map(nodes.map((t) => [t.id, t.key]));
  return {
    teams: nodes.map((t) => ({ key: t.key, name: t.name, parent: t.parentId === null ? null : (keyOf.get(t.parentId) ?? null), memberCount: t.memberCount })),
  };
}

export function apiTeam(team: TeamView): z.input<typeof teamSchema> {
  return {
    key: team.key,
    name: team.name,
    memberCount: team.memberCount,
    canManage: team.canManage,
    breadcrumbs: team.breadcrumbs.map(({ key, name }) => ({ key, name })),
    children: team.children.map(({ key, name, memberCount }) => ({ key, name, memberCount })),
    members: team.members.map((m) => ({
      ...apiPersonLink(m),
      email: m.email,
      audience: m.audience,
      admin: m.isAdmin,
      image: m.linked ? apiImage(m.id, m.imageId) : null,
    })),
    sections: team.grantsSections.map(({ slug, title }) => ({ slug, title })),
  };
}
