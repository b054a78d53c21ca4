import "server-only";
/**
 * D2: what several endpoints present the same way: times as ISO text, and an item as the
 * listings show it (lib/content/listings.ts), with nothing the page's answer does not hold.
 */
import type { z } from "zod";
import type { ContentSummary } from "@/lib/content/listings";
import type { contentSummarySchema } from "../schemas";

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A person named with a link only when the caller may open their profile (P6): their id then, else null. */
export const apiPersonLink = (person: { id: string; name: string; linked: boolean }) => ({ id: person.linked ? person.id : null, name: person.name });

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
