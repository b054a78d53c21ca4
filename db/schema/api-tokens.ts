import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";

/** D5: what a token may do: read only, or read and write (the API's writes then still decide as its person). */
export const apiTokenScope = pgEnum("api_token_scope", ["read", "read-write"]);

/**
 * D5: personal API tokens. A token acts as its person, never more: every call re-reads the
 * person (blocked, unauthorised or deleted: refused at once) and decides like the pages.
 * Only the SHA-256 of the token is stored (a token is 32 random bytes, so a fast hash is
 * enough); the person sees the token once, when it is made. Revoked and expired rows are kept
 * for the lists (and the audit log names them) until the person is deleted.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    scope: apiTokenScope("scope").notNull(),
    /** hex SHA-256 of the whole token. */
    tokenHash: text("token_hash").notNull(),
    /** The token's first characters, shown in the lists so that tokens can be told apart. */
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Written at most once a minute a token (lib/api-tokens/authenticate.ts). */
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedById: uuid("revoked_by_id").references(() => people.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("api_tokens_token_hash_key").on(t.tokenHash),
    // A person's tokens, newest first (/me/tokens); everyone's, newest first (/admin/tokens).
    index("api_tokens_person_idx").on(t.personId, t.createdAt.desc(), t.id.desc()),
    index("api_tokens_created_idx").on(t.createdAt.desc(), t.id.desc()),
  ],
);

/**
 * D2: what an API create answered for a client's Idempotency-Key, so that the same request
 * sent again (a retry after a lost answer) gets the same answer instead of a second item. A
 * key is its token's own; it is kept for a day. `status` is null while the first request is
 * still being answered. Only the request's hash is kept, never its body.
 */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** hex SHA-256 of the method, path and body: the same key with another request is refused. */
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    /** The answer's body (JSON text) and its Location, when it had one. */
    body: text("body"),
    location: text("location"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] }), index("api_idempotency_keys_created_idx").on(t.createdAt)],
);
