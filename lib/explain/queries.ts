import "server-only";
/**
 * B1: who may ask the explainer what, and the reads its page and panels make. Asking is for
 * webmasters about anyone and anything, section managers about their sections, editors and
 * managers about the items homed in theirs, group admins about their groups and files
 * (lib/access/policies.ts, "access.explain.*"); the person asked about must be one whose
 * profile the asker may view (E4 E5). Anything else answers "not found", the same as an
 * unknown id, so the explainer is no way to learn that a secret group or a person exists.
 */
import { type SQL, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { isUuid } from "@/db/sql";
import { explainAccess } from "@/lib/access/explain/explain";
import { decideFile } from "@/lib/access/explain/facts";
import type { ExplainTarget, Explanation } from "@/lib/access/explain/types";
import { changeableGroupItems, groupsWhereAdmin } from "@/lib/access/group-roles";
import { can } from "@/lib/access/policies";
import { mayViewProfile } from "@/lib/access/profiles";
import { sectionsWithRole, visibleContent } from "@/lib/access/filters";
import type { AccessSubject } from "@/lib/access/types";
import { type Lookup, NOT_FOUND, ok } from "@/lib/lookup";
import { escapeLike } from "@/lib/people/search";
import { titlePrefixQuery } from "@/lib/search/suggest";
import { targetText } from "./schemas";

/** May the asker ask why someone can or cannot view this target? */
export async function mayExplain(asker: AccessSubject, target: ExplainTarget, db: Db): Promise<boolean> {
  switch (target.kind) {
    case "section":
      return can(asker, "access.explain.section", { kind: "section", id: target.id }, db);
    case "item":
      return can(asker, "access.explain.content", { kind: "content", id: target.id }, db);
    case "group":
      return can(asker, "access.explain.group", { kind: "group", id: target.id }, db);
    case "file": {
      // A file is asked about by its group's admins: the group read only to decide that.
      const file = await decideFile(db, asker, target.id);
      return file !== null && can(asker, "access.explain.group", { kind: "group", id: file.groupId }, db);
    }
  }
}

/**
 * May the asker ask about anything at all (the explainer's own page): webmasters, and people
 * who manage or edit in a section, or administer a group.
 */
export async function mayExplainSomething(asker: AccessSubject, given?: Db): Promise<boolean> {
  if (asker.isWebmaster) return true;
  const db = given ?? (await getDb());
  const [row] = rowsOf<{ ok: boolean }>(
    await db.execute(sql`select (
      exists (select 1 from section_roles sr where sr.person_id = ${asker.id} and sr.role in ('manager', 'editor'))
      or exists (select 1 from group_members gm where gm.person_id = ${asker.id} and gm.is_admin)
    ) as ok`),
  );
  return row?.ok === true;
}

/** E4 E5: the person asked about is one whose profile the asker may view. */
async function mayAskAbout(asker: AccessSubject, personId: string, db: Db): Promise<boolean> {
  if (!isUuid(personId)) return false;
  const [row] = rowsOf<{ ok: boolean }>(
    await db.execute(sql`select (${mayViewProfile(asker, sql`p.id`, sql`p.blocked`)}) as ok from people p where p.id = ${personId}::uuid`),
  );
  return row?.ok === true;
}

export interface PersonChoice {
  id: string;
  name: string;
  email: string;
  audience: "organisational" | "external";
}

/** The chosen person for the page's picker, when the asker may ask about them. */
export async function getPersonChoice(asker: AccessSubject, personId: string, given?: Db): Promise<PersonChoice | null> {
  const db = given ?? (await getDb());
  if (!(await mayAskAbout(asker, personId, db))) return null;
  const [row] = rowsOf<PersonChoice>(await db.execute(sql`select p.id, p.name, p.email, p.audience from people p where p.id = ${personId}::uuid`));
  return row ?? null;
}

export async function getExplanation(asker: AccessSubject, personId: string, target: ExplainTarget, given?: Db): Promise<Lookup<Explanation>> {
  const db = given ?? (await getDb());
  const [allowed, person] = await Promise.all([mayExplain(asker, target, db), mayAskAbout(asker, personId, db)]);
  if (!allowed || !person) return NOT_FOUND;
  const explanation = await explainAccess(db, asker, personId, target);
  return explanation ? ok(explanation) : NOT_FOUND;
}

export interface TargetChoice {
  /** "<kind>:<id>" (./schemas.ts). */
  target: string;
  kind: ExplainTarget["kind"];
  title: string;
  /** Where it is: a file's group. */
  place: string | null;
}

/** The chosen target's name for the page, when the asker may ask about it. */
export async function getTargetChoice(asker: AccessSubject, target: ExplainTarget, given?: Db): Promise<Lookup<TargetChoice>> {
  const db = given ?? (await getDb());
  if (!(await mayExplain(asker, target, db))) return NOT_FOUND;
  const statement =
    target.kind === "section"
      ? sql`select s.title, null as place from sections s where s.id = ${target.id}`
      : target.kind === "group"
        ? sql`select g.name as title, null as place from groups g where g.id = ${target.id}`
        : target.kind === "item"
          ? sql`select c.title, null as place from content c where c.id = ${target.id}::uuid`
          : sql`select f.name as title, g.name as place from group_files f join groups g on g.id = f.group_id where f.id = ${target.id}::uuid`;
  const [row] = rowsOf<{ title: string; place: string | null }>(await db.execute(statement));
  return row ? ok({ target: targetText(target), kind: target.kind, title: row.title, place: row.place }) : NOT_FOUND;
}

const EACH = 5;

/**
 * The explainer page's target picker: sections, items, groups and files whose name has the
 * words typed, among those the asker may ask about (the policies above, as SQL).
 */
export async function searchTargets(asker: AccessSubject, text: string, given?: Db): Promise<TargetChoice[]> {
  const typed = text.trim();
  if (typed.length < 2) return [];
  const db = given ?? (await getDb());
  const like = `%${escapeLike(typed)}%`;
  const prefix = titlePrefixQuery(typed);
  const web = asker.isWebmaster;
  const managed = web ? sql`true` : sql`s.id in ${sectionsWithRole(asker, ["manager"])}`;
  const administered = (column: SQL) => (web ? sql`true` : sql`${column} in ${groupsWhereAdmin(asker)}`);
  const editable = web
    ? sql`true`
    : sql`(${visibleContent(asker)} and (content.home_section_id in ${sectionsWithRole(asker, ["manager", "editor"])} or ${changeableGroupItems(asker)}))`;
  const rows = rowsOf<{ kind: ExplainTarget["kind"]; id: string | number; title: string; place: string | null }>(
    await db.execute(sql`
      (select 'section' as kind, s.id::text as id, s.title, null::text as place from sections s
        where s.title ilike ${like} escape '\\' and ${managed} order by s.title, s.id limit ${EACH})
      union all
      (select 'group', g.id::text, g.name, null from groups g
        where g.name ilike ${like} escape '\\' and ${administered(sql`g.id`)} order by g.name, g.id limit ${EACH})
      union all
      (select 'file', f.id::text, f.name, g.name from group_files f join groups g on g.id = f.group_id
        where f.name ilike ${like} escape '\\' and ${administered(sql`f.group_id`)} order by f.name, f.id limit ${EACH})
      ${
        prefix
          ? sql`union all
      (select 'item', content.id::text, content.title, null from content
        where content.search_vector @@ to_tsquery('portico_search', ${prefix}) and ${editable}
        order by content.updated_at desc, content.id limit ${EACH})`
          : sql``
      }`),
  );
  return rows.map((r) => ({ target: `${r.kind}:${r.id}`, kind: r.kind, title: r.title, place: r.place }));
}
