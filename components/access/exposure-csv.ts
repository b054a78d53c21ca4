/**
 * B4: the exposure report as CSV (the filters applied, every page): one row for each section
 * and group, with its published items, people and every way in, in the table's own words.
 * Cells are injection-safe (lib/csv.ts).
 */
import type { ExposureReport } from "@/lib/access/exposure/types";
import { csvRow } from "@/lib/csv";
import type { FilteredExposure } from "@/lib/exposure/queries";
import { sectionName } from "./explain-words";
import { reasonWords } from "./exposure-words";

const HEADER = ["kind", "id", "name", "restricted_or_visibility", "published_items", "people", "how"];

export function exposureCsv(report: ExposureReport, sections: FilteredExposure["sections"]["rows"], groups: FilteredExposure["groups"]["rows"]): string {
  const kind = report.subject.kind;
  const how = (reasons: ExposureReport["sections"][number]["reasons"]) => reasons.map((r) => reasonWords(r, kind)).join("; ");
  return [
    csvRow(HEADER),
    ...sections.map((s) => csvRow(["section", s.section.id, sectionName(s.section), s.restricted ? "restricted" : "open", s.items, s.people ?? "", how(s.reasons)])),
    ...groups.map((g) => csvRow(["group", g.group.id, g.group.name ?? "", g.group.visibility, g.items, g.people ?? "", how(g.reasons)])),
  ].join("");
}
