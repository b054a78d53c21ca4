import "server-only";
/** D2: the section page's answer (lib/sections/queries.ts) in the API's shape. */
import type { z } from "zod";
import type { SectionView } from "@/lib/sections/queries";
import type { sectionSchema } from "../endpoints/sections";
import { apiContentSummary } from "./common";

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
