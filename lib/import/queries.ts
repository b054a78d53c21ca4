import "server-only";
/**
 * M6: the reads an import makes — the stored upload (webmasters only) and the current
 * state the plan compares the file with. Set-based: one query per table, whatever the
 * file's size.
 */
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { type Db, rowsOf } from "@/db/connect";
import { importUploads, locations, teams } from "@/db/schema";
import type { Viewer } from "@/lib/access/types";
import { getAuthenticationSettings } from "@/lib/auth/settings";
import { PROFILE_TEXT_FIELDS, PROFILE_TEXT_KEYS, type ProfileText, type ProfileTextField } from "@/lib/people/profile-fields";
import { type ImportFormat, type ImportKind, type ParsedFile, parseImportFile } from "./formats";
import { type ImportPlan, type ImportState, type PersonState, planImport } from "./plan";
import { canAsWebmaster } from "@/lib/access/policies";

export async function loadImportState(db: Db, kind: ImportKind): Promise<ImportState> {
  const [locationRows, teamRows, settings] = await Promise.all([
    db.select({ id: locations.id, key: locations.key, name: locations.name, address: locations.address }).from(locations),
    db.select({ id: teams.id, key: teams.key, name: teams.name, parentId: teams.parentId }).from(teams),
    getAuthenticationSettings(db),
  ]);
  let peopleRows: PersonState[] = [];
  if (kind === "people") {
    const rows = rowsOf<{
      id: string;
      import_key: string | null;
      email: string;
      name: string;
      audience: "organisational" | "external";
      webmaster: boolean;
      blocked: boolean;
      authorised: boolean;
      mobile: string | null;
      location_id: number | null;
      teams: [number, boolean][] | null;
    } & Record<(typeof PROFILE_TEXT_FIELDS)[ProfileTextField]["column"], string | null>>(
      await db.execute(sql`
        select p.id, p.import_key, p.email, p.name, p.audience, 'webmaster' = any(p.roles) as webmaster, p.blocked, p.authorised_at is not null as authorised, p.mobile, p.location_id,
               p.job_title, p.organisation, p.work_phone, p.about, m.teams
        from people p
        left join (
          select person_id, json_agg(json_build_array(team_id, is_admin)) as teams from team_members group by person_id
        ) m on m.person_id = p.id`),
    );
    peopleRows = rows.map((r) => ({
      id: r.id,
      importKey: r.import_key,
      email: r.email,
      name: r.name,
      audience: r.audience,
      webmaster: r.webmaster,
      blocked: r.blocked,
      authorised: r.authorised,
      mobile: r.mobile,
      locationId: r.location_id,
      ...(Object.fromEntries(PROFILE_TEXT_KEYS.map((f) => [f, r[PROFILE_TEXT_FIELDS[f].column]])) as ProfileText),
      teams: new Map((typeof r.teams === "string" ? (JSON.parse(r.teams) as [number, boolean][]) : (r.teams ?? [])).map(([t, a]) => [Number(t), a])),
    }));
  }
  return { locations: locationRows, teams: teamRows, people: peopleRows, mobileCodes: settings.mobileCodes };
}

export interface StoredUpload {
  id: string;
  kind: ImportKind;
  format: ImportFormat;
  fileName: string;
  size: number;
  content: Uint8Array;
  createdAt: Date;
  appliedAt: Date | null;
}

/** A stored upload; only webmasters read uploads (they hold people's details). */
export async function getUpload(db: Db, viewer: Pick<Viewer, "isWebmaster">, id: string): Promise<StoredUpload | null> {
  if (!canAsWebmaster(viewer, "import.run")) return null;
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(importUploads).where(and(eq(importUploads.id, id))).limit(1);
  if (!row) return null;
  return { ...row, content: new Uint8Array(row.content), kind: row.kind as ImportKind, format: row.format as ImportFormat };
}

/**
 * The rows of the last few files parsed, by a SHA-256 of their bytes with their kind and
 * format: parsing is a pure function of those, so the apply (and a reload of the preview)
 * reuses the preview's parse of the very same bytes instead of reading 100 000 rows again.
 * Only the parse is reused — the plan is always made afresh against the database as it is
 * (inside the apply's transaction). Kept in this process for 15 minutes after last use:
 * another instance, or a later apply, parses again. Callers never change the rows they are given.
 */
const PARSE_CACHE_ENTRIES = 2;
const PARSE_CACHE_MS = 15 * 60_000;
const parseCache = new Map<string, { parsed: ParsedFile; at: number }>();

export function parseUpload(upload: Pick<StoredUpload, "kind" | "format" | "content">, now = Date.now()): ParsedFile {
  const key = `${upload.kind}:${upload.format}:${createHash("sha256").update(upload.content).digest("base64")}`;
  for (const [k, entry] of parseCache) if (now - entry.at > PARSE_CACHE_MS) parseCache.delete(k);
  const hit = parseCache.get(key);
  if (hit) {
    parseCache.delete(key); // most recently used last
    parseCache.set(key, { parsed: hit.parsed, at: now });
    return hit.parsed;
  }
  const parsed = parseImportFile(upload.kind, upload.format, upload.content);
  parseCache.set(key, { parsed, at: now });
  while (parseCache.size > PARSE_CACHE_ENTRIES) parseCache.delete(parseCache.keys().next().value!);
  return parsed;
}

/**
 * The plan for an upload against the database as it is now (the preview, and again inside
 * the apply), made for `importerId`, the webmaster whose own way in it keeps (P3).
 */
export async function planUpload(db: Db, upload: Pick<StoredUpload, "kind" | "format" | "content">, importerId: string | null): Promise<ImportPlan> {
  const parsed = parseUpload(upload);
  if (!parsed.ok) {
    return { kind: upload.kind, rows: 0, problems: parsed.problems, changes: [], unchanged: 0, locations: [], teams: [], teamTreeChanged: false, people: [] };
  }
  return planImport(upload.kind, parsed.rows, await loadImportState(db, upload.kind), importerId);
}

/**
 * M6: a fingerprint of everything a plan would write (every change and every written value,
 * memberships included). The preview shows one; the apply plans again inside its transaction
 * and writes only when it gets the same one, so what is applied is what was confirmed.
 */
export function planFingerprint(plan: ImportPlan): string {
  // Memberships are Maps (team id → admin): written as their entries, in team order.
  const json = (value: unknown) =>
    JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? [...v.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : v));
  // One record at a time, so 100 000 people never become one long string.
  const hash = createHash("sha256").update(json([plan.kind, plan.rows, plan.unchanged, plan.teamTreeChanged]));
  for (const [name, records] of [["changes", plan.changes], ["locations", plan.locations], ["teams", plan.teams], ["people", plan.people]] as const) {
    hash.update(`\n${name}:${records.length}`);
    for (const record of records) hash.update(`\n${json(record)}`);
  }
  return hash.digest("base64url");
}

/** What the preview page shows: counts, every problem, and the first changes. */
export interface ImportPreview {
  uploadId: string;
  kind: ImportKind;
  format: ImportFormat;
  fileName: string;
  appliedAt: Date | null;
  rows: number;
  creates: number;
  updates: number;
  unchanged: number;
  problems: ImportPlan["problems"];
  changes: ImportPlan["changes"];
  /** What the apply must still find (planFingerprint). */
  fingerprint: string;
}

export const PREVIEW_CHANGES_SHOWN = 200;

export function previewOf(upload: StoredUpload, plan: ImportPlan): ImportPreview {
  return {
    uploadId: upload.id,
    kind: upload.kind,
    format: upload.format,
    fileName: upload.fileName,
    appliedAt: upload.appliedAt,
    rows: plan.rows,
    creates: plan.changes.filter((x) => x.action === "create").length,
    updates: plan.changes.filter((x) => x.action === "update").length,
    unchanged: plan.unchanged,
    problems: plan.problems,
    changes: plan.changes.slice(0, PREVIEW_CHANGES_SHOWN),
    fingerprint: planFingerprint(plan),
  };
}

/** The preview of a stored upload for the viewer, or null (not a webmaster, or no such upload). */
export async function getImportPreview(db: Db, viewer: Pick<Viewer, "id" | "isWebmaster">, id: string): Promise<ImportPreview | null> {
  const upload = await getUpload(db, viewer, id);
  if (!upload) return null;
  return previewOf(upload, await planUpload(db, upload, viewer.id));
}

/** The page's read: the preview of an upload for the signed-in viewer (null: not a webmaster, or no such upload). */
export async function getImportPreviewForViewer(viewer: Pick<Viewer, "id" | "isWebmaster">, id: string): Promise<ImportPreview | null> {
  return getImportPreview(await getDb(), viewer, id);
}
