import "server-only";
import type { GroupRef } from "../explain/types";
import type { ExposedGroup, ExposedSection } from "./types";

const byText = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Sections in tree order: by their trail from the top, so each follows the one above it. */
export function sortSections(rows: ExposedSection[]): ExposedSection[] {
  return rows.sort((a, b) => {
    const ta = a.section.trail;
    const tb = b.section.trail;
    for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
      const c = byText.compare(ta[i] ?? "", tb[i] ?? "");
      if (c !== 0) return c;
    }
    return ta.length - tb.length || a.section.id - b.section.id;
  });
}

export function sortGroups(rows: ExposedGroup[]): ExposedGroup[] {
  return rows.sort((a, b) => byText.compare(a.group.name ?? "", b.group.name ?? "") || a.group.id - b.group.id);
}

/** A group, named only where the asker may see it (`named`: isVisibleGroupRow for the asker, G1 G3). */
export function groupRefOf(g: { id: number; name: string; slug: string; visibility: GroupRef["visibility"]; named: boolean }): GroupRef {
  return g.named === true ? { id: Number(g.id), name: g.name, href: `/groups/${g.slug}`, visibility: g.visibility } : { id: Number(g.id), name: null, href: null, visibility: g.visibility };
}
