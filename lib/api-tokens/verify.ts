import "server-only";
/**
 * D5: what a presented token is, and the person it acts as, in one round trip: the token's
 * row by its hash, joined to its person's row read as a Viewer is (lib/access/viewer.ts
 * viewerColumns, the pages' own columns), so the API then decides everything as the pages do.
 * A token works while it is neither revoked nor expired and its person is authorised and not
 * blocked (a deleted person's tokens went with them). Its last use is written at most once a
 * minute.
 */
import { eq, sql } from "drizzle-orm";
import { type Db, withGenericPlans } from "@/db/connect";
import { preparedPerDb } from "@/db/sql";
import { apiTokens, people } from "@/db/schema";
import { tokenViewerOf, viewerColumns } from "@/lib/access/viewer";
import type { Viewer } from "@/lib/access/types";
import type { TokenScope } from "./schemas";
import { hashToken, looksLikeToken } from "./token";

const LAST_USED_EVERY_MS = 60_000;

export type TokenCheck =
  | { ok: true; token: { id: string; name: string; scope: TokenScope; personId: string }; viewer: Viewer }
  | { ok: false; reason: "unknown" | "revoked" | "expired" | "account" };

/** Built once per database handle (preparedPerDb). */
function buildTokenQuery(db: Db) {
  return db
    .select({
      person: viewerColumns(sql`null`),
      tokenId: apiTokens.id,
      tokenName: apiTokens.name,
      scope: apiTokens.scope,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      authorised: sql<boolean>`${people.authorisedAt} is not null`,
    })
    .from(apiTokens)
    .innerJoin(people, eq(people.id, apiTokens.personId))
    .where(eq(apiTokens.tokenHash, sql.placeholder("hash")))
    .prepare("portico_verify_token");
}
const tokenQuery = preparedPerDb(buildTokenQuery);

export async function verifyToken(db: Db, presented: string, now = new Date()): Promise<TokenCheck> {
  if (!looksLikeToken(presented)) return { ok: false, reason: "unknown" };
  // Every API call's statement, by key: one generic plan (db/connect.ts withGenericPlans).
  const [row] = await tokenQuery(withGenericPlans(db)).execute({ hash: hashToken(presented) });
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  const viewer = row.authorised ? tokenViewerOf(row.person) : null;
  if (!viewer) return { ok: false, reason: "account" };
  if (now.getTime() - (row.lastUsedAt?.getTime() ?? 0) >= LAST_USED_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  return { ok: true, token: { id: row.tokenId, name: row.tokenName, scope: row.scope, personId: row.person.id }, viewer };
}
