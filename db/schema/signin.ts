import { bigint, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";

/**
 * M4: a person's authenticator app (TOTP). The secret is stored encrypted with a key
 * derived from AUTH_SECRET (lib/auth/crypto.ts). `confirmedAt` is null while enrolment
 * waits for the first code; `lastUsedStep` makes each code usable once.
 */
export const twoFactor = pgTable("two_factor", {
  personId: uuid("person_id")
    .primaryKey()
    .references(() => people.id, { onDelete: "cascade" }),
  secretEncrypted: text("secret_encrypted").notNull(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** M4: ten recovery codes per enrolment, stored hashed, each usable once. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("recovery_codes_person_idx").on(t.personId)],
);

/**
 * The step between a right password and a session when a second factor is needed: a
 * short-lived, single-use challenge. The browser holds `id` plus an HMAC of it; a mobile
 * code (M4, M6) sent for this challenge is kept here hashed.
 */
export const signInChallenges = pgTable(
  "sign_in_challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** "password" or "sso": how the first factor was given. */
    via: text("via").notNull().default("password"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    failures: integer("failures").notNull().default(0),
    mobileCodeHash: text("mobile_code_hash"),
    mobileCodeExpiresAt: timestamp("mobile_code_expires_at", { withTimezone: true }),
  },
  (t) => [index("sign_in_challenges_expires_idx").on(t.expiresAt)],
);

/**
 * One row per session cookie (the JWT carries the id). loadViewer checks it in
 * its one query; ending a session (sign-out, a password or e-mail change,
 * P3's blocking) sets `endedAt`.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    via: text("via").notNull().default("password"),
    /**
     * B2: while a webmaster views the site as someone, that person: every page of this session
     * is rendered with their viewer and every action refused. Never a session of theirs.
     */
    viewingAsId: uuid("viewing_as_id").references(() => people.id, { onDelete: "set null" }),
    viewingAsSince: timestamp("viewing_as_since", { withTimezone: true }),
  },
  (t) => [index("sessions_person_idx").on(t.personId)],
);

/**
 * Text messages (M4, M6 mobile codes). Always written here; with no SMS service
 * configured nothing leaves the server and webmasters read them at /admin/sms-outbox.
 */
export const smsOutbox = pgTable(
  "sms_outbox",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    recipientId: uuid("recipient_id").references(() => people.id, { onDelete: "set null" }),
    toNumber: text("to_number").notNull(),
    body: text("body").notNull(),
    deliveredVia: text("delivered_via").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sms_outbox_recipient_idx").on(t.recipientId)],
);
