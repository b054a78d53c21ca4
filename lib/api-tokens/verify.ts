import "server-only";
/**
 * D5: what a presented token is: its row and its person's standing, by the token's hash. A
 * token works while it is neither revoked nor expired and its person is authorised and not
 * blocked (a deleted person's tokens went with them); the API then reads the person as a
 * Viewer (lib/access/viewer.ts#loadTokenViewer) and decides everything as the pages do.
 * Its last use is written at most once a minute.
 */
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/connect";
import type { TokenScope } from "./schemas";
import { hashToken, looksLikeToken } from "./token";

const LAST_USED_EVERY_MS = 60_000;

export type TokenCheck =
  | { ok: true; token: { id: string; name: string; scope: TokenScope; personId: string } }
  | { ok: false; reason: "unknown" | "revoked" | "expired" | "account" };

interface TokenLookupRow {
  id: string;
  name: string;
  scope: TokenScope;
  person_id: string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
  last_used_at: Date | string | null;
  usable_account: boolean;
}

export async function verifyToken(db: Db, presented: string, now = new Date()): Promise<TokenCheck> {
  if (!looksLikeToken(presented)) return { ok: false, reason: "unknown" };
  const [row] = rowsOf<TokenLookupRow>(
    await db.execute(sql`select t.id, t.name, t.scope, t.person_id, t.expires_at, t.revoked_at, t.last_used_at,
        (not p.blocked and p.authorised_at is not null) as usable_account
      from api_tokens t join people p on p.id = t.person_id
      where t.token_hash = ${hashToken(presented)}`),
  );
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revoked_at) return { ok: false, reason: "revoked" };
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  if (!row.usable_account) return { ok: false, reason: "account" };
  const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : 0;
  if (now.getTime() - lastUsed >= LAST_USED_EVERY_MS) {
    await db.execute(sql`update api_tokens set last_used_at = ${now.toISOString()}::timestamptz where id = ${row.id}::uuid`);
  }
  return { ok: true, token: { id: row.id, name: row.name, scope: row.scope, personId: row.person_id } };
}
