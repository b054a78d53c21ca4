import "server-only";
/**
 * D2: Idempotency-Key on the API's creates. A client that sends a create with a key and never
 * sees the answer (a dropped connection) sends it again with the same key and gets the first
 * answer again, replayed, instead of a second item. The key is the token's own and kept for a
 * day; the same key with a different request (method, path or body) is refused (422), and one
 * whose first request is still being answered gets 409 (try again shortly). An answer the
 * server failed to give (5xx) is not kept: the retry runs the request again.
 */
import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { apiIdempotencyKeys } from "@/db/schema";
import { problemResponse } from "./problem";

/** Visible ASCII, as the IETF draft's examples and every client library's keys (UUIDs, ULIDs) are. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const KEPT = sql`interval '24 hours'`;
/** A create takes well under this; a key still unanswered after it was left by a server that stopped. */
const ABANDONED_MS = 5 * 60_000;

export type IdempotentStart =
  | { kind: "first"; finish: (response: Response) => Promise<Response> }
  | { kind: "answered"; response: Response };

/** The request's fingerprint: the same key may only ever mean this request. */
export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");
}

/** A problem with the header itself, or null. */
export function idempotencyKeyProblem(key: string): string | null {
  return KEY_PATTERN.test(key) ? null : "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good key).";
}

export async function startIdempotent(db: Db, tokenId: string, key: string, fingerprint: string): Promise<IdempotentStart> {
  // A day-old key is free again; the token's other expired keys go with it.
  await db.delete(apiIdempotencyKeys).where(and(eq(apiIdempotencyKeys.tokenId, tokenId), lt(apiIdempotencyKeys.createdAt, sql`now() - ${KEPT}`)));
  const claimed = await db.insert(apiIdempotencyKeys).values({ tokenId, key, requestHash: fingerprint }).onConflictDoNothing().returning({ key: apiIdempotencyKeys.key });
  const where = and(eq(apiIdempotencyKeys.tokenId, tokenId), eq(apiIdempotencyKeys.key, key));
  if (claimed.length) {
    return {
      kind: "first",
      finish: async (response) => {
        if (response.status >= 500) {
          await db.delete(apiIdempotencyKeys).where(where);
          return response;
        }
        const body = await response.clone().text();
        await db.update(apiIdempotencyKeys).set({ status: response.status, body, location: response.headers.get("location") }).where(where);
        return response;
      },
    };
  }
  const [row] = await db.select().from(apiIdempotencyKeys).where(where);
  if (!row) return startIdempotent(db, tokenId, key, fingerprint); // freed between the two statements
  if (row.requestHash !== fingerprint) {
    return { kind: "answered", response: problemResponse({ status: 422, title: "Unprocessable Content", detail: "This Idempotency-Key was already used with a different request. Use a new key for a new request." }) };
  }
  if (row.status === null && Date.now() - row.createdAt.getTime() > ABANDONED_MS) {
    // Its first request never finished (the server stopped mid-way): the key is free again.
    await db.delete(apiIdempotencyKeys).where(and(where, sql`${apiIdempotencyKeys.status} is null`));
    return startIdempotent(db, tokenId, key, fingerprint);
  }
  if (row.status === null) {
    return { kind: "answered", response: problemResponse({ status: 409, title: "Conflict", detail: "A request with this Idempotency-Key is still being answered. Try again in a moment." }, { "Retry-After": "1" }) };
  }
  const headers: Record<string, string> = { "Content-Type": row.status >= 400 ? "application/problem+json" : "application/json", "Cache-Control": "private, no-store", "Idempotent-Replayed": "true" };
  if (row.location) headers.Location = row.location;
  return { kind: "answered", response: new Response(row.body, { status: row.status, headers }) };
}
