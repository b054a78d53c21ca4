import "server-only";
/**
 * The read side of Ideas (G4 G8 K4 E4 E5): the listing and an idea's page, each one query
 * with the viewer's predicate ANDed in: `mayUseAppSql(viewer, "ideas")` (E5, and the app is
 * on for everyone). For someone who may not use Ideas every read answers nothing (the pages
 * answer 404 before asking: lib/access/external-guard.ts).
 *
 * Keyset pages along the schema's indexes (db/schema/ideas.ts), no OFFSET and no count of
 * everything: each order is an index walk that stops after a page and one more row.
 * (Their columns are DESC NULLS LAST, as drizzle wrote them: the orders say so too, or the
 * planner could not walk them.)
 *   - votes:  (vote_count desc, created_at desc, id desc)        ideas_votes_idx / ideas_status_votes_idx
 *   - newest: (created_at desc, id desc)                         ideas_newest_idx / ideas_status_newest_idx
 *   - status: (status, created_at desc, id desc)                 ideas_status_newest_idx, walked as two
 *     index ranges (the rest of the cursor's status, then the statuses after it), because
 *     its directions are mixed and a single row comparison cannot say "after" in it.
 */
import { type SQL, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { isUuid } from "@/db/sql";
import { appModeratorSql } from "@/lib/access/app-moderators";
import { cursorCodec } from "@/lib/access/cursor";
import { mayUseAppSql } from "@/lib/access/external-access";
import { ideaEditorsSql } from "@/lib/access/ideas";
import type { AccessSubject } from "@/lib/access/types";
import type { Page } from "@/lib/content/listings";
import { type Lookup, NOT_FOUND, ok } from "@/lib/lookup";
import { IDEA_STATUSES, type IdeaListParams, type IdeaStatus } from "./schemas";

export const IDEAS_PAGE_SIZE = 20;

export interface IdeaCard {
  id: string;
  title: string;
  status: IdeaStatus;
  voteCount: number;
  commentCount: number;
  tags: string[];
  authorName: string;
  createdAt: string;
  /** G8: the viewer's own vote. */
  voted: boolean;
}

const votesCursor = cursorCodec({ votes: "int", at: "timestamp", id: "uuid" });
const newestCursor = cursorCodec({ at: "timestamp", id: "uuid" });
const statusCursor = cursorCodec({ status: "text", at: "timestamp", id: "uuid" });

const CARD_COLUMNS = (viewer: AccessSubject) => sql`
  i.id, i.title, i.status::text as status, i.vote_count as "voteCount", i.comment_count as "commentCount",
  to_json(i.tags) as tags, p.name as "authorName", i.created_at::text as "createdAt",
  exists (select 1 from idea_votes v where v.idea_id = i.id and v.person_id = ${viewer.id}::uuid) as voted`;

function toCard(row: IdeaCard & { tags: string[] | string }): IdeaCard {
  const tags = typeof row.tags === "string" ? (JSON.parse(row.tags) as string[]) : row.tags;
  return { ...row, voteCount: Number(row.voteCount), commentCount: Number(row.commentCount), tags: tags ?? [], voted: row.voted === true };
}

/** listIdeas' statement (a page and one more row), unexecuted, so tests and benchmarks can EXPLAIN it. */
export function ideaListQuery(viewer: AccessSubject, params: IdeaListParams, limit = IDEAS_PAGE_SIZE): SQL {
  const may = mayUseAppSql(viewer, "ideas");
  const status = params.status ? sql`and i.status = ${params.status}::idea_status` : sql``;
  // The page is chosen from ideas alone (the index walk, stopping after limit + 1 rows), then its authors are read.
  const select = (where: SQL, order: SQL) => sql`
    select ${CARD_COLUMNS(viewer)} from (
      select * from ideas i where ${may} ${status} ${where} order by ${order} limit ${limit + 1}
    ) i join people p on p.id = i.author_id
    order by ${order}`;
  switch (params.sort) {
    case "votes": {
      const after = votesCursor.decode(params.after);
      const where = after ? sql`and (i.vote_count, i.created_at, i.id) < (${after.votes}::int, ${after.at}::timestamptz, ${after.id}::uuid)` : sql``;
      return select(where, sql`i.vote_count desc nulls last, i.created_at desc nulls last, i.id desc nulls last`);
    }
    case "newest": {
      const after = newestCursor.decode(params.after);
      const where = after ? sql`and (i.created_at, i.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``;
      return select(where, sql`i.created_at desc nulls last, i.id desc nulls last`);
    }
    case "status": {
      const decoded = statusCursor.decode(params.after);
      const after = decoded && (IDEA_STATUSES as readonly string[]).includes(decoded.status) ? decoded : null;
      const order = sql`i.status, i.created_at desc nulls last, i.id desc nulls last`;
      if (!after) return select(sql``, order);
      // The rest of the cursor's status, then the statuses after it: two index ranges, in order.
      const rest = select(sql`and i.status = ${after.status}::idea_status and (i.created_at, i.id) < (${after.at}::timestamptz, ${after.id}::uuid)`, order);
      const later = select(sql`and i.status > ${after.status}::idea_status`, order);
      return sql`select * from ((${rest}) union all (${later})) page order by page.status::idea_status, page."createdAt"::timestamptz desc, page.id desc limit ${limit + 1}`;
    }
  }
}

/**
 * G4 G8 E5: the ideas the viewer may see (all of them, while they may use Ideas; none
 * otherwise), in the chosen order, filtered by status, a page at a time.
 */
export async function listIdeas(viewer: AccessSubject, params: IdeaListParams, limit = IDEAS_PAGE_SIZE, given?: Db): Promise<Page<IdeaCard>> {
  const db = given ?? (await getDb());
  const rows = rowsOf<IdeaCard & { tags: string[] | string }>(await db.execute(ideaListQuery(viewer, params, limit))).map(toCard);
  const items = rows.slice(0, limit);
  const last = rows.length > limit ? items[items.length - 1]! : null;
  if (!last) return { items, next: null };
  const next =
    params.sort === "votes"
      ? votesCursor.encode({ votes: last.voteCount, at: last.createdAt, id: last.id })
      : params.sort === "newest"
        ? newestCursor.encode({ at: last.createdAt, id: last.id })
        : statusCursor.encode({ status: last.status, at: last.createdAt, id: last.id });
  return { items, next };
}

export interface IdeaView {
  id: string;
  title: string;
  /** Sanitised on save (lib/content/sanitize.ts); the page sanitises again on render. */
  description: string;
  tags: string[];
  status: IdeaStatus;
  statusNote: string | null;
  statusChangedAt: string | null;
  statusChangedByName: string | null;
  voteCount: number;
  commentCount: number;
  authorId: string;
  authorName: string;
  createdAt: string;
  /** PostgreSQL's text of updated_at (microseconds kept): an edit names it (version safety). */
  updatedAt: string;
  voted: boolean;
  following: boolean;
  /** The author while new, moderators always (idea.edit, idea.delete). */
  mayEdit: boolean;
  /** ideas.moderate: sets the status. */
  mayModerate: boolean;
}

/**
 * One idea as the viewer may see it: not-found for an unknown id, and, answered the same,
 * for anyone who may not use Ideas (E5: the app is absent for them). One query.
 */
export async function getIdea(viewer: AccessSubject, id: string, given?: Db): Promise<Lookup<IdeaView>> {
  if (!isUuid(id)) return NOT_FOUND;
  const db = given ?? (await getDb());
  const [row] = rowsOf<IdeaView & { tags: string[] | string }>(
    await db.execute(sql`
      select ideas.id, ideas.title, ideas.description, to_json(ideas.tags) as tags, ideas.status::text as status, ideas.status_note as "statusNote",
        ideas.status_changed_at::text as "statusChangedAt", sp.name as "statusChangedByName",
        ideas.vote_count as "voteCount", ideas.comment_count as "commentCount", ideas.author_id as "authorId", p.name as "authorName",
        ideas.created_at::text as "createdAt", ideas.updated_at::text as "updatedAt",
        exists (select 1 from idea_votes v where v.idea_id = ideas.id and v.person_id = ${viewer.id}::uuid) as voted,
        exists (select 1 from follows f where f.idea_id = ideas.id and f.person_id = ${viewer.id}::uuid) as following,
        ${ideaEditorsSql(viewer)} as "mayEdit",
        ${appModeratorSql(viewer, "ideas")} as "mayModerate"
      from ideas join people p on p.id = ideas.author_id left join people sp on sp.id = ideas.status_changed_by
      where ideas.id = ${id}::uuid and ${mayUseAppSql(viewer, "ideas")}
      limit 1`),
  );
  if (!row) return NOT_FOUND;
  const tags = typeof row.tags === "string" ? (JSON.parse(row.tags) as string[]) : row.tags;
  return ok({
    ...row,
    tags: tags ?? [],
    voteCount: Number(row.voteCount),
    commentCount: Number(row.commentCount),
    voted: row.voted === true,
    following: row.following === true,
    mayEdit: row.mayEdit === true,
    mayModerate: row.mayModerate === true,
  });
}
