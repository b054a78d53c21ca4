import "server-only";
/**
 * D5: the token lists. A person's own tokens (/me/tokens) and, for webmasters, everyone's
 * (/admin/tokens), newest first, a page at a time by keyset. Never the token itself: only its
 * first characters (the rest is stored as a hash and cannot be shown again).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiTokens, people } from "@/db/schema";
import { cursorCodec } from "@/lib/access/cursor";
import { canAsWebmaster } from "@/lib/access/policies";
import type { Viewer } from "@/lib/access/types";
import type { TokenScope } from "./schemas";

export const TOKEN_PAGE_SIZE = 50;

export type TokenStatus = "active" | "expired" | "revoked";

export interface TokenRow {
  id: string;
  name: string;
  scope: TokenScope;
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: TokenStatus;
}

export interface AnyonesTokenRow extends TokenRow {
  person: { id: string; name: string; email: string };
}

const tokenCursor = cursorCodec({ createdAt: "timestamp", id: "uuid" });

const columns = {
  id: apiTokens.id,
  name: apiTokens.name,
  scope: apiTokens.scope,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  // PostgreSQL's own text of the time, microseconds included, for the cursor.
  createdAtText: sql<string>`${apiTokens.createdAt}::text`,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

function statusOf(row: { revokedAt: Date | null; expiresAt: Date }, now: Date): TokenStatus {
  if (row.revokedAt) return "revoked";
  return row.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}

/** Rows after the cursor's, in the lists' order (newest first, id breaking ties). */
function after(cursor: string | null | undefined) {
  const keys = tokenCursor.decode(cursor);
  return keys ? sql`(${apiTokens.createdAt}, ${apiTokens.id}) < (${keys.createdAt}::timestamptz, ${keys.id}::uuid)` : undefined;
}

function paged<R extends { id: string; createdAtText: string }>(rows: R[], limit: number): { items: R[]; next: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? tokenCursor.encode({ createdAt: last.createdAtText, id: last.id }) : null };
}

/** The viewer's own tokens, newest first. */
export async function listOwnTokens(
  viewer: Pick<Viewer, "id">,
  cursor?: string | null,
  options: { limit?: number; now?: Date } = {},
): Promise<{ items: TokenRow[]; next: string | null }> {
  const limit = options.limit ?? TOKEN_PAGE_SIZE;
  const now = options.now ?? new Date();
  const db = await getDb();
  const rows = await db
    .select(columns)
    .from(apiTokens)
    .where(and(eq(apiTokens.personId, viewer.id), after(cursor)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(limit + 1);
  const { items, next } = paged(rows, limit);
  return { items: items.map(({ createdAtText: _text, ...row }) => ({ ...row, status: statusOf(row, now) })), next };
}

/** Everyone's tokens, newest first, with whose they are: webmasters only (D5, M8). */
export async function listAnyonesTokens(
  viewer: Pick<Viewer, "isWebmaster">,
  cursor?: string | null,
  options: { limit?: number; now?: Date } = {},
): Promise<{ status: "forbidden" } | { status: "ok"; items: AnyonesTokenRow[]; next: string | null }> {
  if (!canAsWebmaster(viewer, "apiTokens.manage")) return { status: "forbidden" };
  const limit = options.limit ?? TOKEN_PAGE_SIZE;
  const now = options.now ?? new Date();
  const db = await getDb();
  const rows = await db
    .select({ ...columns, personId: people.id, personName: people.name, personEmail: people.email })
    .from(apiTokens)
    .innerJoin(people, eq(people.id, apiTokens.personId))
    .where(after(cursor))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(limit + 1);
  const { items, next } = paged(rows, limit);
  return {
    status: "ok",
    items: items.map(({ createdAtText: _text, personId, personName, personEmail, ...row }) => ({
      ...row,
      status: statusOf(row, now),
      person: { id: personId, name: personName, email: personEmail },
    })),
    next,
  };
}
