import "server-only";
/**
 * One item for its page (/content/<id>): the item, whether the viewer may view it (403,
 * or 404 for secret-group content, C5), the controls they may use, where it is shared and
 * its poll — one query.
 */
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Db, getDb, withGenericPlans } from "@/db/client";
import { isUuid, jsonColumn, qualified, textArray } from "@/db/sql";
import { content, groupMembers, groups, pollSettings, sections } from "@/db/schema";
import { isVisibleGroupRow, isVisibleSectionRow, rolesHeldOn, sectionsWithRole, visibleContent } from "@/lib/access/filters";
import { type GroupRole, groupRoleIn } from "@/lib/access/group-roles";
import { contentActionsFor } from "@/lib/access/policies";
import { type Lookup, FORBIDDEN, NOT_FOUND, ok } from "@/lib/lookup";
import { profileLink } from "@/lib/people/profile-link";
import type { ContentType } from "./listings";
import { sanitizeRichText } from "./sanitize";
import type { AccessSubject } from "@/lib/access/types";
import { preparedPerShape, shapeName, subjectValues } from "@/lib/access/statement-per-shape";

export interface ContentDetail {
  id: string;
  type: ContentType;
  title: string;
  status: "draft" | "published";
  /** Sanitised again on the way out (C6). */
  bodyHtml: string;
  /** D7: each links to its tag's page. */
  tags: string[];
  author: string;
  /** The author as a NamedPerson: the byline links to their profile when the viewer may open it (P6). */
  authorRef: { id: string; name: string; linked: boolean };
  publishedAt: Date | null;
  updatedAt: Date;
  event: { startsAt: Date | null; endsAt: Date | null; place: string | null } | null;
  /**
   * E3: results (per-option counts) once the poll has closed; while it is open, as its author
   * chose (poll_settings): after the viewer has voted, or not before closing. Always for the
   * home section's editors and managers (a home group's admins); otherwise only the number of votes.
   */
  poll: {
    options: { id: number; label: string; votes: number | null }[];
    totalVotes: number;
    myVote: number | null;
    resultsVisible: boolean;
    /** When voting ends (null: no closing date) and whether it has, by the database's clock. */
    closesAt: Date | null;
    closed: boolean;
    resultsShown: "after_voting" | "after_closing";
  } | null;
  home: { slug: string; title: string } | null;
  /**
   * The home group, only when the viewer may see it (G1, G6): an item visible through a
   * share while its group is secret to the viewer names no group at all.
   */
  group: { slug: string; name: string } | null;
  /** Only sections the viewer can view (C3); whether they may stop sharing it there (C1). */
  sharedInto: { id: number; slug: string; title: string; mayStopSharing: boolean }[];
  /** Bumped by every save: forms and buttons send it back so a stale change is refused. */
  version: number;
  /** Which controls the page offers (C1, S7); the actions re-check each with can(). */
  permissions: ItemPermissions;
  /** B1: the page offers "Why can … see this?" (access.explain.content); its action re-checks. */
  mayExplainAccess: boolean;
}

/** One item for its page: 403 when it exists but may not be viewed, 404 for secret-group content (C5). */
interface SharedRow {
  id: number;
  slug: string;
  title: string;
  mayStopSharing: boolean;
}
interface PollRow {
  id: number;
  label: string;
  votes: number;
  mine: boolean;
}

/** The item page's one query, unexecuted (statement-per-shape.test.ts compares its texts). */
export function contentItemQuery(db: Db, viewer: AccessSubject, id: string) {
  const home = alias(sections, "home");
  return db
    .select({
      id: content.id,
      type: content.type,
      title: content.title,
      status: content.status,
      body: content.body,
      tags: content.tags,
      authorName: sql<string>`(select p.name from people p where p.id = ${qualified("content", "author_id")})`,
      authorId: content.authorId,
      // P6: the byline links to the author's profile only when the viewer may open it (profileLink).
      authorLinked: sql<boolean>`coalesce((select ${profileLink(viewer, sql`p_l.id`, sql`p_l.blocked`)} from people p_l where p_l.id = ${qualified("content", "author_id")}), false)`,
      publishedAt: content.publishedAt,
      updatedAt: content.updatedAt,
      eventStartsAt: content.eventStartsAt,
      eventEndsAt: content.eventEndsAt,
      eventPlace: content.eventPlace,
      homeSlug: home.slug,
      homeTitle: home.title,
      // Read only when the viewer may see the group (G1, G6): a refused name never leaves the database.
      groupSlug: sql<string | null>`case when ${isVisibleGroupRow(viewer, groups)} then ${groups.slug} end`,
      groupName: sql<string | null>`case when ${isVisibleGroupRow(viewer, groups)} then ${groups.name} end`,
      version: content.version,
      visible: sql<boolean>`cv.visible`,
      // Read with the item so the page can decide its controls without a query per
      // control (contentActionsFor); the actions themselves still ask can().
      homeRoles: rolesHeldOn(viewer, qualified("content", "home_section_id")),
      homeGroupRole: sql<GroupRole | null>`case when ${qualified("content", "home_group_id")} is not null then ${groupRoleIn(viewer, qualified("content", "home_group_id"))} end`,
      isAuthor: sql<boolean>`${content.authorId} = ${viewer.id}`,
      hasShareTarget: sql<boolean>`exists (
        select 1 from sections s_t
        where s_t.id is distinct from ${qualified("content", "home_section_id")}
          and s_t.id not in (select cs_t.section_id from content_shares cs_t where cs_t.content_id = ${qualified("content", "id")})
          ${viewer.isWebmaster ? sql`` : sql`and s_t.id in ${sectionsWithRole(viewer, ["editor", "manager"])}`}
      )`,
      secretToViewer: sql<boolean>`(${groups.visibility} = 'secret' and not exists (
        select 1 from ${groupMembers} where ${groupMembers.groupId} = ${groups.id} and ${groupMembers.personId} = ${viewer.id}
      ))`,
      // Only for a visible item: the visible sections it is shared into, and a poll's options.
      sharedInto: sql<SharedRow[] | string | null>`case when cv.visible then (
        select json_agg(json_build_object('id', s_sh.id, 'slug', s_sh.slug, 'title', s_sh.title, 'mayStopSharing', ${
          viewer.isWebmaster ? sql`true` : sql`s_sh.id in ${sectionsWithRole(viewer, ["editor", "manager"])}`
        }) order by s_sh.title, s_sh.id)
        from content_shares cs_sh join sections s_sh on s_sh.id = cs_sh.section_id
        where cs_sh.content_id = ${qualified("content", "id")}
          and ${isVisibleSectionRow(viewer, { id: sql`s_sh.id`, effectivelyRestricted: sql`s_sh.effectively_restricted` })}
      ) end`,
      pollClosesAt: pollSettings.closesAt,
      pollClosed: sql<boolean>`coalesce(${pollSettings.closesAt} <= now(), false)`,
      pollResultsShown: pollSettings.resultsShown,
      pollOptions: sql<PollRow[] | string | null>`case when cv.visible and ${qualified("content", "type")} = 'poll' then (
        select json_agg(json_build_object(
          'id', po.id,
          'label', po.label,
          'votes', (select count(*)::int from poll_votes pv where pv.option_id = po.id),
          'mine', exists (select 1 from poll_votes pv where pv.option_id = po.id and pv.person_id = ${viewer.id})
        ) order by po.position)
        from poll_options po where po.content_id = ${qualified("content", "id")}
      ) end`,
    })
    .from(content)
    .innerJoinLateral(sql`(select ${visibleContent(viewer)} as visible offset 0) cv`, sql`true`)
    .leftJoin(home, and(eq(home.id, content.homeSectionId), isVisibleSectionRow(viewer, home)))
    .leftJoin(groups, eq(groups.id, content.homeGroupId))
    .leftJoin(pollSettings, eq(pollSettings.contentId, content.id))
    .where(eq(content.id, id))
    .limit(1);
}

/** The item's query, prepared for a viewer shape, with the item's id a placeholder ("id"). */
const contentItemStatement = preparedPerShape((db: Db, subject, shape) =>
  contentItemQuery(db, subject, sql.placeholder("id") as unknown as string).prepare(`portico_content_item_${shapeName(shape)}`),
);

/** One query: the item, whether the viewer may view it, what they may do with it, and (only when visible) where it is shared and its poll. */
export async function getContent(viewer: AccessSubject, id: string): Promise<Lookup<ContentDetail>> {
  if (!isUuid(id)) return NOT_FOUND;
  // One generic plan (db/connect.ts withGenericPlans): planning the access columns took longer than reading the item.
  const db = withGenericPlans(await getDb());
  // Built once per viewer shape (lib/access/statement-per-shape.ts); a B2 narrowed viewer's per call.
  const statement = contentItemStatement(db, viewer);
  const [row] = statement ? await statement.execute({ ...subjectValues(viewer), id }) : await contentItemQuery(db, viewer, id);
  if (!row) return NOT_FOUND;
  if (!row.visible) return row.secretToViewer && !viewer.isWebmaster ? NOT_FOUND : FORBIDDEN;
  const rolesHeld = textArray(row.homeRoles);
  const homeGroupRole = row.homeGroupRole ?? null;
  const allowed = contentActionsFor(viewer, { rolesHeld, homeGroupRole, isAuthor: row.isAuthor === true, status: row.status });
  const edit = allowed.has("content.edit");
  const permissions: ItemPermissions = {
    edit,
    publish: allowed.has("content.publish"),
    delete: allowed.has("content.delete"),
    history: allowed.has("content.history"),
    share: edit && row.hasShareTarget === true,
  };
  // E3: the home section's editors and managers, a home group's admins (G5, as for drafts, G6) and webmasters see poll results unvoted.
  const editsHome = viewer.isWebmaster || rolesHeld.includes("editor") || rolesHeld.includes("manager") || homeGroupRole === "admin";

  const shared = jsonColumn(row.sharedInto) ?? [];
  const poll = row.type === "poll" ? (jsonColumn(row.pollOptions) ?? []) : null;

  return ok({
    id: row.id,
    type: row.type,
    title: row.title,
    status: row.status,
    bodyHtml: sanitizeRichText(row.body),
    tags: row.tags,
    author: row.authorName,
    authorRef: { id: row.authorId, name: row.authorName, linked: row.authorLinked === true },
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    event: row.type === "event" ? { startsAt: row.eventStartsAt, endsAt: row.eventEndsAt, place: row.eventPlace } : null,
    poll: poll
      ? pollView(poll, editsHome, { closesAt: row.pollClosesAt ?? null, closed: row.pollClosed === true, resultsShown: row.pollResultsShown ?? "after_voting" })
      : null,
    home: row.homeSlug && row.homeTitle ? { slug: row.homeSlug, title: row.homeTitle } : null,
    group: row.groupSlug && row.groupName ? { slug: row.groupSlug, name: row.groupName } : null,
    sharedInto: shared.map((s) => ({ ...s, mayStopSharing: s.mayStopSharing === true })),
    version: row.version,
    permissions,
    mayExplainAccess: allowed.has("access.explain.content"),
  });
}

type PollSettingsView = Pick<NonNullable<ContentDetail["poll"]>, "closesAt" | "closed" | "resultsShown">;

function pollView(options: { id: number; label: string; votes: number; mine: boolean }[], editsHome: boolean, settings: PollSettingsView): NonNullable<ContentDetail["poll"]> {
  const myVote = options.find((o) => o.mine)?.id ?? null;
  const resultsVisible = editsHome || settings.closed || (settings.resultsShown === "after_voting" && myVote !== null);
  return {
    ...settings,
    // Counts are not even sent to someone who may not see them yet.
    options: options.map((o) => ({ id: o.id, label: o.label, votes: resultsVisible ? Number(o.votes) : null })),
    totalVotes: options.reduce((n, o) => n + Number(o.votes), 0),
    myVote,
    resultsVisible,
  };
}

export interface ItemPermissions {
  edit: boolean;
  publish: boolean;
  delete: boolean;
  history: boolean;
  /** There is at least one section the viewer may share this item into (C1). */
  share: boolean;
}
