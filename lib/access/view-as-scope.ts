import "server-only";
/**
 * B2: a section manager views the site as someone only within the sections they manage. The
 * request's viewer stays the manager's own (lib/access/viewer.ts) — so every page, read action
 * and route handler that does not ask here answers as the manager, and nothing of the person's
 * outside those sections (their groups, queries, notifications, other sections) is ever read —
 * and the two pages that belong to a section ask here for the viewer to render with: a
 * section's page, and an item's page when the item is homed in a section. Within the
 * manager's sections that is the person, narrowed to them (Viewer.withinSections: every
 * section predicate ANDs the scope in, every group predicate is false), so even a breadcrumb
 * or an "also in" link outside them is left out.
 */
import { cache } from "react";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { isUuid } from "@/db/sql";
import { inSectionsBelow } from "./filters";
import type { Viewer } from "./types";

/** The viewer a section's page renders with: the person viewed as when the section is within the manager's sections. */
export const sectionPageViewer = cache(async (viewer: Viewer, slug: string): Promise<Viewer> => {
  const within = viewer.viewingAsWithin;
  if (!within) return viewer;
  const db = await getDb();
  const rows = rowsOf<{ inside: boolean }>(
    await db.execute(sql`select exists (select 1 from sections s where s.slug = ${slug} and ${inSectionsBelow(within.sectionRoots, sql`s.id`)}) as inside`),
  );
  return rows[0]?.inside ? within.viewer : viewer;
});

/** The viewer an item's page renders with: the person viewed as when the item is homed in the manager's sections. */
export const contentPageViewer = cache(async (viewer: Viewer, id: string): Promise<Viewer> => {
  const within = viewer.viewingAsWithin;
  if (!within || !isUuid(id)) return viewer;
  const db = await getDb();
  const rows = rowsOf<{ inside: boolean }>(
    await db.execute(sql`select exists (select 1 from content c where c.id = ${id}::uuid and ${inSectionsBelow(within.sectionRoots, sql`c.home_section_id`)}) as inside`),
  );
  return rows[0]?.inside ? within.viewer : viewer;
});
