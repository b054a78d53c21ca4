import "server-only";
/**
 * D1 D6: the scope /analytics, its live figures and its CSV export are asked about, named for
 * the page, or null when the viewer may not see its figures, or it does not exist: the same
 * answer (404) either way, so that nobody learns a section or group exists from the figures.
 */
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { groups, sections } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import { APP_LABELS, scopeParam } from "./params";
import { type AnalyticsScope, type ScopeChoices, mayViewScope } from "./queries";

export interface ScopeInfo {
  scope: AnalyticsScope;
  /** As the address names it (`section:12`). */
  param: string;
  /** What the figures are of, for headings: "the whole site", a section's title. */
  name: string;
  /** The page the scope is, when it has one (a section's, a group's, an app's). */
  href: string | null;
}

/**
 * Analytics are for organisational people (analyticsChoices answers nothing for external
 * people, whatever they run): an external section manager or group admin gets the answer
 * of an unknown scope here too.
 */
export async function describeScope(viewer: Viewer, scope: AnalyticsScope): Promise<ScopeInfo | null> {
  if (viewer.audience !== "organisational") return null;
  const db = await getDb();
  if (!(await mayViewScope(viewer, scope, db))) return null;
  const param = scopeParam(scope);
  switch (scope.kind) {
    case "site":
      return { scope, param, name: "the whole site", href: null };
    case "app":
      return { scope, param, name: APP_LABELS[scope.app], href: scope.app === "wall" ? "/wall" : `/${scope.app}` };
    case "section": {
      const [row] = await db.select({ slug: sections.slug, title: sections.title }).from(sections).where(eq(sections.id, scope.sectionId)).limit(1);
      return row ? { scope, param, name: row.title, href: `/sections/${row.slug}` } : null;
    }
    case "group": {
      const [row] = await db.select({ slug: groups.slug, name: groups.name }).from(groups).where(eq(groups.id, scope.groupId)).limit(1);
      return row ? { scope, param, name: row.name, href: `/groups/${row.slug}` } : null;
    }
  }
}

/** The scope /analytics opens on: the site for webmasters, else the first section managed, else the first group administered. */
export function defaultScope(choices: ScopeChoices): AnalyticsScope | null {
  if (choices.site) return { kind: "site" };
  if (choices.sections[0]) return { kind: "section", sectionId: choices.sections[0].id };
  if (choices.groups[0]) return { kind: "group", groupId: choices.groups[0].id };
  return null;
}

export function hasChoices(choices: ScopeChoices): boolean {
  return choices.site || choices.sections.length > 0 || choices.groups.length > 0;
}
