import "server-only";
/**
 * Section reads. Every query ANDs in visibleSections: breadcrumbs show only ancestors
 * the viewer can view, child lists only visible children (C3, C5).
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { sectionClosure, sections } from "@/db/schema";
import { isVisibleSectionId, isVisibleSectionRow, visibleSections } from "@/lib/access/filters";
import type { Viewer } from "@/lib/access/viewer";

type AccessViewer = Pick<Viewer, "id" | "audience" | "isWebmaster">;

export interface SectionLink {
  slug: string;
  title: string;
}

export interface SectionSummary extends SectionLink {
  description: string;
}

export interface SectionView {
  id: number;
  slug: string;
  title: string;
  description: string;
  /** Visible ancestors, top first. */
  breadcrumbs: SectionLink[];
  children: SectionSummary[];
}

export type SectionLookup = { status: "ok"; section: SectionView } | { status: "forbidden" } | { status: "not-found" };

export async function getSection(viewer: AccessViewer, slug: string): Promise<SectionLookup> {
  const db = await getDb();
  const [row] = await db
    .select({
      id: sections.id,
      slug: sections.slug,
      title: sections.title,
      description: sections.description,
      visible: sql<boolean>`${visibleSections(viewer)}`,
    })
    .from(sections)
    .where(eq(sections.slug, slug))
    .limit(1);
  if (!row) return { status: "not-found" };
  if (!row.visible) return { status: "forbidden" };

  const ancestor = alias(sections, "ancestor");
  const [breadcrumbs, children] = await Promise.all([
    db
      .select({ slug: ancestor.slug, title: ancestor.title })
      .from(sectionClosure)
      .innerJoin(ancestor, eq(ancestor.id, sectionClosure.ancestorId))
      .where(and(eq(sectionClosure.descendantId, row.id), sql`${sectionClosure.depth} > 0`, isVisibleSectionRow(viewer, ancestor)))
      .orderBy(desc(sectionClosure.depth)),
    db
      .select({ slug: sections.slug, title: sections.title, description: sections.description })
      .from(sections)
      .where(and(eq(sections.parentId, row.id), visibleSections(viewer)))
      .orderBy(asc(sections.title)),
  ]);
  return { status: "ok", section: { id: row.id, slug: row.slug, title: row.title, description: row.description, breadcrumbs, children } };
}

/**
 * The sections a viewer can reach from a home page: the visible sections whose parent
 * is not visible to them (the tops of what they can see), in title order.
 */
export async function listReachableSections(viewer: AccessViewer): Promise<SectionSummary[]> {
  const db = await getDb();
  return db
    .select({ slug: sections.slug, title: sections.title, description: sections.description })
    .from(sections)
    .where(and(visibleSections(viewer), sql`(${sections.parentId} is null or not ${isVisibleSectionId(viewer, sections.parentId)})`))
    .orderBy(asc(sections.title));
}
