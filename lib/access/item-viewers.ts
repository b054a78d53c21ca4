import "server-only";
/**
 * Who can view an item, asked the other way round: a predicate on `people` rows for one
 * item whose place is known (its home section or group, the sections it is shared into).
 * The listings' predicates (./filters.ts) fix the viewer and vary the item; mention
 * suggestions (E6) fix the item and vary the person, so this states the same rules
 * (C2, S4–S6, G1, G3, G6) with the person as the variable. The property test
 * (lib/access/model.test.ts) holds it to the reference model on random organisations.
 *
 * It answers for the item as published: E6 suggests, for an item being written, the
 * people who can view it once it is out (a draft's own readers are its author and editors).
 */
import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { people } from "@/db/schema";
import { intArray } from "@/db/sql";
import type { SwitchableApp } from "@/lib/settings/schemas";
import { appEnabledSql, externalSwitchOn } from "./external-access";
import { grantRootIds } from "./filters";

/** Where an item is (or will be, for a new draft): C1's one home, and its shares. */
export interface ItemPlace {
  homeSectionId: number | null;
  homeGroupId: number | null;
  sharedInto: readonly number[];
}

/** The `people` row a predicate is asked about (the table itself by default). */
export interface PersonColumns {
  id: AnyPgColumn | SQL;
  audience: AnyPgColumn | SQL;
  roles: AnyPgColumn | SQL;
}

const PEOPLE: PersonColumns = { id: people.id, audience: people.audience, roles: people.roles };

/** S4: a webmaster is an organisational person with the webmaster role (as loadViewer reads it). */
function isWebmasterRow(p: PersonColumns): SQL {
  return sql`(${p.audience} = 'organisational' and 'webmaster' = any(${p.roles}))`;
}

/**
 * True for a person who can view a published item placed so (C2): a webmaster (S4); someone
 * who can view its home section or a section it is shared into (S5: open to organisational
 * people, S6: members only for external people; S2 S3 S7 membership read live); or, for an
 * item homed in a group, someone who reads that group (G1 G3 G6: members; a public group's
 * content for organisational people, and for external people with the Groups switch, E5).
 */
export function personMayViewPublishedItem(place: ItemPlace, p: PersonColumns = PEOPLE): SQL {
  const sectionIds = [...new Set([...(place.homeSectionId === null ? [] : [place.homeSectionId]), ...place.sharedInto])];
  const inSections = sectionIds.length
    ? sql`(
        (${p.audience} = 'organisational' and exists (select 1 from sections s_iv where s_iv.id = any(${intArray(sectionIds)}) and not s_iv.effectively_restricted))
        or exists (select 1 from section_closure sc_iv where sc_iv.descendant_id = any(${intArray(sectionIds)}) and sc_iv.ancestor_id in ${grantRootIds(sql`${p.id}`)})
      )`
    : sql`false`;
  const inGroup =
    place.homeGroupId === null
      ? sql`false`
      : sql`(
          exists (select 1 from group_members gm_iv where gm_iv.group_id = ${place.homeGroupId} and gm_iv.person_id = ${p.id})
          or (exists (select 1 from groups g_iv where g_iv.id = ${place.homeGroupId} and g_iv.visibility = 'public')
              and (${p.audience} = 'organisational' or ${externalSwitchOn("groups")}))
        )`;
  return sql`(${isWebmasterRow(p)} or ${inSections} or ${inGroup})`;
}

/**
 * E5 G4, asked the other way round (mayUseAppSql with the person as the variable): the
 * person may use `app` now — it is on for everyone, and they are organisational (webmasters
 * among them) or external with the app's switch on.
 */
export function personMayUseApp(app: SwitchableApp, p: PersonColumns = PEOPLE): SQL {
  return sql`(${appEnabledSql(app)} and (${p.audience} = 'organisational' or ${externalSwitchOn(app)}))`;
}

/**
 * K1 E6: who can view an idea, a wall post or a query (lib/comments/target.ts states the same
 * rules with the viewer fixed): whoever may use its app; a hidden wall post only its author
 * and the wall's moderators (webmasters and the organisational people named for it, K2).
 */
export function personMayViewAppTarget(target: { kind: "idea" | "wallPost" | "query"; id: string }, p: PersonColumns = PEOPLE): SQL {
  if (target.kind === "idea") return sql`(${personMayUseApp("ideas", p)} and exists (select 1 from ideas i_iv where i_iv.id = ${target.id}::uuid))`;
  if (target.kind === "query") return sql`(${personMayUseApp("queries", p)} and exists (select 1 from queries q_iv where q_iv.id = ${target.id}::uuid))`;
  const moderator = sql`(${isWebmasterRow(p)} or (${p.audience} = 'organisational'
    and exists (select 1 from app_moderators am_iv where am_iv.app = 'messageWall' and am_iv.person_id = ${p.id})))`;
  return sql`(${personMayUseApp("messageWall", p)} and exists (select 1 from wall_posts wp_iv where wp_iv.id = ${target.id}::uuid
    and (wp_iv.hidden_at is null or wp_iv.author_id = ${p.id} or ${moderator})))`;
}
