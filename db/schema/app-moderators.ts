import { pgEnum, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "./people";

/** The apps whose moderators webmasters name (G8: idea statuses; K2 K3 on the wall; accepting a query's answer). */
export const moderatedApp = pgEnum("moderated_app", ["ideas", "messageWall", "queries"]);

/** Organisational people a webmaster named moderator of an app (webmasters moderate every app anyway). */
export const appModerators = pgTable(
  "app_moderators",
  {
    app: moderatedApp("app").notNull(),
    personId: uuid("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.app, t.personId] })],
);
