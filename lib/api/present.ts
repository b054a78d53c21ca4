import "server-only";
/**
 * D2: the pages' own answers (lib/sections/queries.ts, lib/content/listings.ts) in the API's
 * shapes (./schemas.ts): times as ISO text, and nothing the page's answer does not hold.
 */
import type { z } from "zod";
import type { ContentSummary } from "@/lib/content/listings";
import type { SectionView } from "@/lib/sections/queries";
import type { contentSummarySchema, sectionSchema } from "./schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function apiContentSummary(item: ContentSummary): z.input<typeof contentSummarySchema> {
  return {
    id: item.id,
    type: item.type,
    title: item.title,
    status: item.status,
    excerpt: item.excerpt,
    publishedAt: iso(item.publishedAt),
    updatedAt: item.updatedAt.toISOString(),
    eventStartsAt: iso(item.eventStartsAt),
    section: item.section,
    group: item.group,
    commentCount: item.commentCount,
  };
}

export function apiSection(section: SectionView): z.input<typeof sectionSchema> {
  const page = section.content ?? { items: [], next: null };
  return {
    id: section.id,
    slug: section.slug,
    title: section.title,
    description: section.description,
    roles: section.rolesHeld,
    breadcrumbs: section.breadcrumbs,
    children: section.children,
    content: { items: page.items.map(apiContentSummary), next: page.next },
  };
}
