import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { locations } from "./locations";

/** P1: every account has exactly one audience. */
export const audience = pgEnum("audience", ["organisational", "external"]);
/** Global roles besides the audience (P1). Only organisational people hold any (P2). */
export const globalRole = pgEnum("global_role", ["webmaster"]);

export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    audience: audience("audience").notNull(),
    roles: globalRole("roles").array().notNull().default(sql`'{}'::global_role[]`),
    /** argon2id PHC string; null until the person sets a password (P3). */
    passwordHash: text("password_hash"),
    blocked: boolean("blocked").notNull().default(false),
    /** Set when the person completes the sign-in link of the latest welcome e-mail (P3). */
    authorisedAt: timestamp("authorised_at", { withTimezone: true }),
    welcomeSentAt: timestamp("welcome_sent_at", { withTimezone: true }),
    /** P4: most recent successful sign-in or activity. */
    lastAccessAt: timestamp("last_access_at", { withTimezone: true }),
    /** Sessions issued before this instant are refused (password change, e-mail change, block). */
    sessionsValidFrom: timestamp("sessions_valid_from", { withTimezone: true }).notNull().defaultNow(),
    mobile: text("mobile"),
    /** P6: the person chose to show their mobile number on their profile (hidden by default). */
    showMobile: boolean("show_mobile").notNull().default(false),
    /** M6: the import key (employee id) that identifies the person across imports, so an import can change their e-mail. */
    importKey: text("import_key"),
    locationId: integer("location_id").references(() => locations.id, { onDelete: "set null" }),
    // The profile (E3, M3): plain text; limits in lib/people/profile-fields.ts.
    jobTitle: text("job_title"),
    /** Department, or for external people their organisation (e.g. the partner agency). Webmasters and imports set it. */
    organisation: text("organisation"),
    workPhone: text("work_phone"),
    about: text("about"),
    /**
     * The profile image: the stored object of this key (lib/storage), re-encoded as WebP on upload
     * (lib/people/profile-image.ts). A new id for every new image, so its URL changes too; the
     * one it replaces goes to the storage ledger by trigger (migration 0018).
     */
    imageId: uuid("image_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // E-mail is unique ignoring case; sign-in looks people up by lower(email).
    uniqueIndex("people_email_lower_key").on(sql`lower(${t.email})`),
    index("people_location_idx").on(t.locationId),
    uniqueIndex("people_import_key_key").on(t.importKey),
    index("people_audience_idx").on(t.audience),
    // M1: the user table's keyset orders (name, id) and (last access desc nulls last, id desc);
    // e-mail order uses people_email_lower_key. Blocked and unauthorised people are few: partial indexes.
    index("people_name_id_idx").on(t.name, t.id),
    index("people_last_access_idx").on(t.lastAccessAt.desc().nullsLast(), t.id.desc()),
    index("people_blocked_name_idx").on(t.name, t.id).where(sql`blocked`),
    index("people_unauthorised_name_idx").on(t.name, t.id).where(sql`authorised_at is null and not blocked`),
    // M1 search ("name or e-mail contains"): trigram GIN indexes people_name_trgm_idx and
    // people_email_trgm_idx, created with the pg_trgm extension by the hand-written migration
    // search_trgm (drizzle-kit does not create extensions); see nameOrEmailContains.
    // P6: the people directory's search also reads people_job_title_trgm_idx and
    // people_organisation_trgm_idx (hand-written migration people_directory_trgm); see lib/people/directory-search.ts.
  ],
);

/** Failed sign-in attempts, kept in the database so every app instance shares the limits. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** "account:<lower email>" or "address:<ip>". */
    bucket: text("bucket").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_attempts_bucket_idx").on(t.bucket, t.attemptedAt)],
);
