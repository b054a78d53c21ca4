import "server-only";
/**
 * P6 E4 E5: the one way a query names a person with a link to their profile. Select it
 * beside the name, in the same query, and render the name with <PersonName>
 * (components/people/person-name.tsx), which links only when it is true:
 *
 *   linked: profileLink(viewer, people.id, people.blocked)
 *
 * It is mayViewProfile (lib/access/profiles.ts), the predicate the profile page itself
 * reads with, so a link never leads to a 404.
 */
import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { mayViewProfile } from "@/lib/access/profiles";
import type { AccessSubject } from "@/lib/access/types";

export function profileLink(viewer: AccessSubject, personId: AnyPgColumn | SQL, blocked: AnyPgColumn | SQL): SQL<boolean> {
  return sql<boolean>`(${mayViewProfile(viewer, personId, blocked)})`;
}
