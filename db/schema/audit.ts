import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";

/**
 * M8: the audit log, append-only. Every server action that changes something records
 * one row here in the same transaction as the change (lib/actions.ts). Rows keep the
 * actor's e-mail as written at the time, so the record survives the person's deletion.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => people.id, { onDelete: "set null" }),
    actorEmail: text("actor_email"),
    /** What happened, e.g. "section.members.add". */
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    /** The action's input and outcome, never a secret. */
    details: jsonb("details").notNull().default({}),
    address: text("address"),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at.desc()),
    index("audit_events_actor_idx").on(t.actorId, t.at.desc()),
    index("audit_events_target_idx").on(t.targetType, t.targetId, t.at.desc()),
  ],
);
