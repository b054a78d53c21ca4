import "server-only";
/**
 * D3: exports of people, teams and locations, filtered by what the exporting person may
 * view — the same rules as the pages:
 *   - webmasters: everything, with every field the import reads (the export round-trips
 *     into the import: same field names, same formats);
 *   - organisational people: the people directory (no blocked people; no import keys,
 *     roles, mobile numbers or block flags, which only administration screens show),
 *     every team, every location;
 *   - external people: people only with the Users switch, teams with the Teams switch
 *     (or the teams they administer, P5), locations with the Locations switch (E5).
 * Never a password hash, a two-factor secret or a session. Rows are read in pages along
 * the primary key, so a large export streams instead of being held in memory.
 */
import { sql, type SQL } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/connect";
import { isVisibleTeamId } from "@/lib/access/teams";
import type { AccessSubject } from "@/lib/access/types";
import type { ImportKind } from "@/lib/import/formats";
import { PROFILE_TEXT_KEYS } from "@/lib/people/profile-fields";

const switchOn = (name: "users" | "locations") =>
  sql`exists (select 1 from settings st where st.key = 'externalAccess' and coalesce((st.value ->> ${name})::boolean, false))`;

/** The fields the viewer receives for a kind, in order; null when they may not export it at all. */
export async function exportFields(db: Db, viewer: AccessSubject, kind: ImportKind): Promise<string[] | null> {
  if (kind === "teams") {
    if (!viewer.isWebmaster && viewer.audience === "external") {
      const [row] = rowsOf<{ ok: boolean }>(await db.execute(sql`select exists (select 1 from teams t where ${isVisibleTeamId(viewer, sql`t.id`)}) as ok`));
      if (!row?.ok) return null;
    }
    return ["key", "name", "parent"];
  }
  if (kind === "locations") {
    if (viewer.audience === "external" && !(await truth(db, switchOn("locations")))) return null;
    return ["key", "name", "address"];
  }
  // The profile's text (job title, organisation, work phone, about) is on every profile the viewer may view (E4, E5).
  if (viewer.isWebmaster) return ["key", "email", "name", "audience", "roles", "teams", "teamAdmin", "location", "mobile", "blocked", ...PROFILE_TEXT_KEYS];
  if (viewer.audience === "external") {
    if (!(await truth(db, switchOn("users")))) return null;
    const fields = ["email", "name", "audience", "teams"];
    return [...((await truth(db, switchOn("locations"))) ? [...fields, "location"] : fields), ...PROFILE_TEXT_KEYS];
  }
  return ["email", "name", "audience", "teams", "location", ...PROFILE_TEXT_KEYS];
}

async function truth(db: Db, predicate: SQL): Promise<boolean> {
  return rowsOf<{ ok: boolean }>(await db.execute(sql`select (${predicate}) as ok`))[0]?.ok === true;
}

export type ExportRow = Record<string, string | string[] | boolean | null>;

export const EXPORT_PAGE = 5000;

/**
 * One page of rows after `after` (the last row's sort key, or null), each with only the
 * viewer's fields. Answers the rows and the next `after` (null at the end).
 */
export async function exportPage(
  db: Db,
  viewer: AccessSubject,
  kind: ImportKind,
  fields: string[],
  after: string | null,
  limit = EXPORT_PAGE,
): Promise<{ rows: ExportRow[]; next: string | null }> {
  let raw: (ExportRow & { sort: string })[];
  if (kind === "locations") {
    raw = rowsOf(
      await db.execute(sql`select l.key as sort, l.key, l.name, coalesce(l.address, '') as address from locations l where ${after === null ? sql`true` : sql`l.key > ${after}`} order by l.key limit ${limit}`),
    );
  } else if (kind === "teams") {
    raw = rowsOf(
      await db.execute(sql`
        select t.key as sort, t.key, t.name,
               case when p.id is not null and ${isVisibleTeamId(viewer, sql`p.id`)} then p.key end as parent
        from teams t left join teams p on p.id = t.parent_id
        where ${isVisibleTeamId(viewer, sql`t.id`)} and ${after === null ? sql`true` : sql`t.key > ${after}`}
        order by t.key limit ${limit}`),
    );
  } else {
    const teamVisible = isVisibleTeamId(viewer, sql`tm.team_id`);
    const showLocation = fields.includes("location");
    raw = rowsOf(
      await db.execute(sql`
        select p.id::text as sort, p.import_key as key, p.email, p.name, p.audience::text as audience,
               array_to_string(p.roles, ';') as roles, p.mobile, p.blocked,
               p.job_title as "jobTitle", p.organisation, p.work_phone as "workPhone", p.about,
               ${showLocation ? sql`l.key` : sql`null`} as location,
               coalesce((select string_agg(t.key, ';' order by t.key) from team_members tm join teams t on t.id = tm.team_id
                         where tm.person_id = p.id and ${teamVisible}), '') as teams,
               coalesce((select string_agg(t.key, ';' order by t.key) from team_members tm join teams t on t.id = tm.team_id
                         where tm.person_id = p.id and tm.is_admin and ${teamVisible}), '') as "teamAdmin"
        from people p left join locations l on l.id = p.location_id
        where ${viewer.isWebmaster ? sql`true` : sql`not p.blocked`} and ${after === null ? sql`true` : sql`p.id > ${after}::uuid`}
        order by p.id limit ${limit}`),
    );
  }
  const lists = new Set(["roles", "teams", "teamAdmin"]);
  const rows = raw.map((r) => {
    const out: ExportRow = {};
    for (const f of fields) {
      const v = r[f] ?? null;
      out[f] = lists.has(f) ? String(v ?? "").split(";").filter(Boolean) : v;
    }
    return out;
  });
  return { rows, next: raw.length === limit ? raw[raw.length - 1]!.sort : null };
}
