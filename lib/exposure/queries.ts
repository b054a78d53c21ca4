import "server-only";
/**
 * B4: the exposure report's reads, for webmasters only (the catalogue's "access.exposure"):
 * the report for a person, a team or a partner organisation, the picker that finds them, and
 * the report narrowed by the page's filters. Anyone else is answered "not found".
 */
import { sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { organisationExposure, organisationKey } from "@/lib/access/exposure/organisation";
import { personExposure } from "@/lib/access/exposure/person";
import { teamExposure } from "@/lib/access/exposure/team";
import type { ExposedGroup, ExposedSection, ExposureReason, ExposureReport, ExposureSubject } from "@/lib/access/exposure/types";
import { pickPeople } from "@/lib/access/pickers";
import { can } from "@/lib/access/policies";
import type { AccessSubject } from "@/lib/access/types";
import { type Lookup, NOT_FOUND, ok } from "@/lib/lookup";
import { escapeLike } from "@/lib/people/search";
import { type ExposureChoice, type ExposureFilters, PAGE_SIZE, type Through } from "./schemas";

export async function mayReportExposure(asker: AccessSubject, db?: Db): Promise<boolean> {
  return can(asker, "access.exposure", null, db ?? (await getDb()));
}

export async function getExposure(asker: AccessSubject, subject: ExposureSubject, given?: Db): Promise<Lookup<ExposureReport>> {
  const db = given ?? (await getDb());
  if (!(await mayReportExposure(asker, db))) return NOT_FOUND;
  const report =
    subject.kind === "person"
      ? await personExposure(db, asker, subject.id)
      : subject.kind === "team"
        ? await teamExposure(db, asker, subject.id)
        : await organisationExposure(db, asker, subject.name);
  return report ? ok(report) : NOT_FOUND;
}

/** Whether the subject names someone (a person, a team, an organisation with external people), without building the report. */
export async function exposureSubjectExists(asker: AccessSubject, subject: ExposureSubject, given?: Db): Promise<boolean> {
  const db = given ?? (await getDb());
  if (!(await mayReportExposure(asker, db))) return false;
  const statement =
    subject.kind === "person"
      ? sql`select exists (select 1 from people p where p.id = ${subject.id}::uuid) as found`
      : subject.kind === "team"
        ? sql`select exists (select 1 from teams t where t.id = ${subject.id}) as found`
        : sql`select exists (select 1 from people p where p.audience = 'external' and lower(trim(p.organisation)) = ${organisationKey(subject.name)}) as found`;
  const [row] = rowsOf<{ found: boolean }>(await db.execute(statement));
  return row?.found === true;
}

const EACH = 6;

/** The picker: people by name or e-mail, teams by name, partner organisations by name (their external people's organisation). */
export async function searchExposureSubjects(asker: AccessSubject, text: string, given?: Db): Promise<ExposureChoice[]> {
  const typed = text.trim();
  if (typed.length < 2) return [];
  const db = given ?? (await getDb());
  if (!(await mayReportExposure(asker, db))) return [];
  const like = `%${escapeLike(typed)}%`;
  const [people, teams, organisations] = await Promise.all([
    pickPeople(asker, typed, { db, limit: EACH }),
    db.execute(sql`
      select t.id, t.name, (select count(*)::int from team_members tm where tm.team_id = t.id) as members
      from teams t where t.name ilike ${like} escape '\\' order by t.name, t.id limit ${EACH}`),
    db.execute(sql`
      select min(trim(p.organisation)) as name, count(*)::int as people from people p
      where p.audience = 'external' and p.organisation ilike ${like} escape '\\'
      group by lower(trim(p.organisation)) order by 1 limit ${EACH}`),
  ]);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    ...people.map((p): ExposureChoice => ({ kind: "person", key: p.id, label: p.name, detail: `${p.email}${p.audience === "external" ? " · external" : ""}` })),
    ...rowsOf<{ id: number; name: string; members: number }>(teams).map((t): ExposureChoice => ({ kind: "team", key: String(t.id), label: t.name, detail: plural(Number(t.members), "member", "members") })),
    ...rowsOf<{ name: string; people: number }>(organisations).map((o): ExposureChoice => ({ kind: "organisation", key: o.name, label: o.name, detail: plural(Number(o.people), "external person", "external people") })),
  ];
}

/** The option the page shows as chosen, for a subject in its address. */
export function choiceOf(report: ExposureReport): ExposureChoice {
  const { subject } = report;
  return { kind: subject.kind, key: subject.key, label: subject.name, detail: null };
}

// ---------------------------------------------------------------------------------
// The page's filters.
// ---------------------------------------------------------------------------------

/** Which "Access through" choice a reason answers to. */
export function reasonThrough(reason: ExposureReason): Through | null {
  const { path } = reason;
  if (path.kind === "webmaster") return "webmaster";
  if (path.kind === "section") {
    const g = path.grant.kind;
    return g === "webmaster" ? "webmaster" : g;
  }
  if (path.kind === "group") return path.grant.kind === "member" ? "group-member" : path.grant.kind === "webmaster" ? "webmaster" : "public";
  return null;
}

const folded = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

function matches<T extends { reasons: ExposureReason[] }>(row: T, name: string, f: ExposureFilters): boolean {
  if (f.q && !folded(name).includes(folded(f.q))) return false;
  if (f.through && !row.reasons.some((r) => reasonThrough(r) === f.through)) return false;
  return true;
}

export interface FilteredExposure {
  sections: { rows: ExposedSection[]; total: number; page: number; pages: number };
  groups: { rows: ExposedGroup[]; total: number; page: number; pages: number };
}

/** The rows the filters keep, a page of each table at a time (a page past the end shows the last). */
export function filterExposure(report: ExposureReport, f: ExposureFilters, pageSize = PAGE_SIZE): FilteredExposure {
  const sections = f.show === "groups" ? [] : report.sections.filter((s) => matches(s, (s.section.trail.length ? s.section.trail : [s.section.name]).map((t) => t ?? "").join(" › "), f));
  const groups = f.show === "sections" ? [] : report.groups.filter((g) => matches(g, g.group.name ?? "", f));
  return { sections: paged(sections, f.sectionsPage, pageSize), groups: paged(groups, f.groupsPage, pageSize) };
}

function paged<T>(rows: T[], wanted: number, size: number) {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const page = Math.min(wanted, pages);
  return { rows: rows.slice((page - 1) * size, page * size), total: rows.length, page, pages };
}
