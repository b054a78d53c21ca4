/**
 * M6 / D3: the kinds of record an import or export holds and their field sets, the same
 * in CSV, JSON and XML. No server-only code: the upload form reads these too.
 */
import { PROFILE_TEXT_KEYS } from "@/lib/people/profile-fields";
import { MAX_IMPORT_FILE_BYTES } from "@/lib/uploads/limits";

export const IMPORT_KINDS = ["people", "teams", "locations"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_FORMATS = ["csv", "json", "xml"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The largest file accepted (bytes): 100 000 people in CSV are about 12 MB (lib/uploads/limits.ts). */
export const MAX_IMPORT_BYTES = MAX_IMPORT_FILE_BYTES;
/** The most rows one file may hold. */
export const MAX_IMPORT_ROWS = 200_000;

export interface KindSpec {
  /** The JSON top-level property and the XML root element. */
  plural: string;
  /** The XML element of one row. */
  singular: string;
  required: readonly string[];
  optional: readonly string[];
  /** Fields that hold lists: CSV cells separated by ";", JSON arrays, XML child elements. */
  lists: Readonly<Record<string, string>>;
}

export const KIND_SPECS: Record<ImportKind, KindSpec> = {
  locations: { plural: "locations", singular: "location", required: ["key", "name"], optional: ["address"], lists: {} },
  teams: { plural: "teams", singular: "team", required: ["key", "name"], optional: ["parent"], lists: {} },
  people: {
    plural: "people",
    singular: "person",
    required: ["email", "name", "audience"],
    optional: ["key", "roles", "teams", "teamAdmin", "location", "mobile", "blocked", ...PROFILE_TEXT_KEYS],
    // list field → the XML element of one item
    lists: { roles: "role", teams: "team", teamAdmin: "team" },
  },
};

export function fieldsOf(kind: ImportKind): string[] {
  return [...KIND_SPECS[kind].required, ...KIND_SPECS[kind].optional];
}

