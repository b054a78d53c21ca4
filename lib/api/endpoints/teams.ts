/**
 * D2: teams, as their pages show them (P5, E4, E5, S2): the team tree (app/(portal)/teams)
 * and a team's page (app/(portal)/teams/[key]), by the pages' own functions
 * (lib/teams/queries.ts) as the token's person.
 */
import { z } from "zod";
import { hasControlCharacters } from "@/lib/validation/text";
import { defineEndpoint } from "../endpoint";
import { named, personLink, sectionLink } from "../schemas";

const teamLink = z.object({ key: z.string().meta({ description: "The team's key, for /teams/{key}." }), name: z.string() });
const memberCount = z.number().int().meta({ description: "How many people are in the team." });

export const teamTreeSchema = named(
  "TeamTree",
  z
    .object({
      teams: z
        .array(
          teamLink
            .extend({
              parent: z.string().nullable().meta({ description: "The key of its parent team in this list, or null for a top of the tree as the caller sees it (P5)." }),
              memberCount,
            })
            .meta({ description: "A team in the tree." }),
        )
        .meta({ description: "The teams the caller may see within three levels of a top, in name order; deeper teams are on their parent team's page." }),
    })
    .meta({ description: "The team tree, as /teams shows it to the caller (P5, E5)." }),
);

export const listTeams = defineEndpoint({
  operationId: "listTeams",
  method: "get",
  path: "/teams",
  summary: "The team tree",
  description:
    "The team tree as its page shows it to the caller (P5, E4, E5): every team for organisational people and webmasters; for external people, every team while the Teams switch is on, otherwise the teams they administer and those below them.",
  needs: "read",
  response: teamTreeSchema,
  forbidden: "You may not use the Teams directory: external people have it with the Teams switch (E5), or when they administer a team (P5).",
});

export const teamMemberSchema = named(
  "TeamMember",
  personLink
    .extend({
      email: z.string(),
      audience: z.enum(["organisational", "external"]),
      admin: z.boolean().meta({ description: "They administer the team (P5)." }),
      image: z.string().nullable().meta({ description: "The site address of their profile image (served to a signed-in session, not to a token), only beside a name the caller may open (E4), else null." }),
    })
    .meta({ description: "A member of a team, as the team page lists them." }),
);

export const teamSchema = named(
  "Team",
  teamLink
    .extend({
      memberCount,
      canManage: z.boolean().meta({ description: "The caller manages the team: its administrators, those of a team above it, webmasters (P5)." }),
      breadcrumbs: z.array(teamLink).meta({ description: "The teams above it that the caller may see, top first." }),
      children: z.array(teamLink.extend({ memberCount })).meta({ description: "The teams directly below it that the caller may see." }),
      members: z.array(teamMemberSchema).meta({ description: "Its members (the first 1000): administrators first, then by name." }),
      sections: z
        .array(sectionLink)
        .meta({ description: "The sections membership of this team gives access to (S2: the team added, or a team above it added with children) that the caller may view themselves; never the others, nor how many there are." }),
    })
    .meta({ description: "A team the caller may see, as its page shows it (P5, S2)." }),
);

export const getTeam = defineEndpoint({
  operationId: "getTeam",
  method: "get",
  path: "/teams/{key}",
  summary: "A team, its members and the sections it gives access to",
  description:
    "A team as its page shows it to the caller (P5, E4, E5, S2): the teams above and below it that they may see, its members (a name linked, and its photo shown, only where the caller may open the profile), and the sections it gives access to that the caller may view.",
  needs: "read",
  pathParams: z.object({
    key: z
      .string()
      .min(1)
      .max(100)
      .refine((v) => !hasControlCharacters(v))
      .meta({ description: "The team's key, as in /teams/<key>." }),
  }),
  response: teamSchema,
  notFound: "No team has this key.",
  forbidden: "You may not view this team: external people see teams with the Teams switch (E5), or the teams they administer and those below them (P5).",
});
