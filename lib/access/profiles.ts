import "server-only";
/**
 * Who may view a person's profile (E2, E4, E5), as one SQL predicate every profile read
 * ANDs in — today the profile image; a people directory and profile pages must use it too.
 *
 *   - everyone views their own profile (E2);
 *   - webmasters view everyone's;
 *   - organisational people view every unblocked person's profile;
 *   - external people view other people's profiles only while the webmaster's
 *     "External user access → Users" switch is on (E4, E5), and then as staff do.
 *
 * Blocked people's profiles are for webmasters only (as in the directory export, D3).
 */
import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { externalSwitchOn } from "./external-access";
import type { AccessSubject } from "./types";

/**
 * True for the row of the person whose id is `personId` (and whose blocked flag is
 * `blocked`) when the viewer may view that profile.
 */
export function mayViewProfile(viewer: AccessSubject, personId: AnyPgColumn | SQL, blocked: AnyPgColumn | SQL): SQL {
  if (viewer.isWebmaster) return sql`true`;
  const self = sql`${personId} = ${viewer.id}::uuid`;
  if (viewer.audience === "organisational") return sql`(${self} or not ${blocked})`;
  return sql`(${self} or (not ${blocked} and ${externalSwitchOn("users")}))`;
}
