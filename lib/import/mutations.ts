import "server-only";
/**
 * M6: storing an upload and applying it. Apply runs inside the server action's one
 * transaction: it takes the import lock, re-reads the stored bytes and plans them again
 * against the database as it is now, refuses if any problem remains, then writes each
 * table set-based (one statement per table from a JSON document of rows, whatever the
 * file's size). Rows that change nothing are not written.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/connect";
import { importUploads } from "@/db/schema";
import { rebuildTeamClosure } from "@/db/trees";
import type { Viewer } from "@/lib/access/types";
import { ActionError } from "@/lib/actions";
import { queueImportResetLinks } from "@/lib/auth/password-reset";
import type { ImportFormat, ImportKind } from "./formats";
import type { ImportPlan } from "./plan";
import { getUpload, planFingerprint, planUpload } from "./queries";

export async function storeUpload(
  tx: Db,
  viewer: Pick<Viewer, "id">,
  file: { kind: ImportKind; format: ImportFormat; fileName: string; content: Uint8Array },
): Promise<string> {
  const [row] = await tx
    .insert(importUploads)
    .values({ uploadedBy: viewer.id, kind: file.kind, format: file.format, fileName: file.fileName.slice(0, 255), size: file.content.byteLength, content: file.content })
    .returning({ id: importUploads.id });
  return row!.id;
}

/** The apply's answer when the upload is gone (the API answers it as 404). */
export const UPLOAD_GONE_MESSAGE = "This upload no longer exists. Upload the file again.";

export interface ApplyResult {
  kind: ImportKind;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  emailChanges: number;
}

/** The JSON document one set-based statement reads its rows from (a single parameter; `json`, which PostgreSQL reads once, not `jsonb`, which it would first convert). */
const rowsJson = (rows: unknown[]) => sql`${JSON.stringify(rows)}::json`;

async function writeLocations(tx: Db, plan: ImportPlan) {
  if (!plan.locations.length) return;
  await tx.execute(sql`
    insert into locations (key, name, address)
    select x.key, x.name, x.address from json_to_recordset(${rowsJson(plan.locations.map((l) => ({ key: l.key, name: l.name, address: l.address })))}) as x(key text, name text, address text)
    on conflict (key) do update set name = excluded.name, address = excluded.address, version = locations.version + 1, updated_at = now()
    where locations.name is distinct from excluded.name or locations.address is distinct from excluded.address`);
}

async function writeTeams(tx: Db, plan: ImportPlan) {
  if (!plan.teams.length) return;
  const doc = rowsJson(plan.teams.map((t) => ({ key: t.key, name: t.name, parent: t.parentKey })));
  // New teams first (without parents, which may be new too), then names and parents by key.
  await tx.execute(sql`
    insert into teams (key, name)
    select x.key, x.name from json_to_recordset(${doc}) as x(key text, name text, parent text)
    on conflict (key) do nothing`);
  await tx.execute(sql`
    update teams t set name = x.name, parent_id = p.id
    from json_to_recordset(${doc}) as x(key text, name text, parent text)
    left join teams p on p.key = x.parent
    where t.key = x.key and (t.name is distinct from x.name or t.parent_id is distinct from p.id)`);
  if (plan.teamTreeChanged) await rebuildTeamClosure(tx);
}

async function writePeople(tx: Db, plan: ImportPlan, uploadId: string): Promise<number> {
  const creates = plan.people.filter((p) => p.id === null);
  const updates = plan.people.filter((p) => p.id !== null);
  const columns = (p: ImportPlan["people"][number]) => ({
    id: p.id,
    import_key: p.importKey,
    email: p.email,
    name: p.name,
    audience: p.audience,
    webmaster: p.webmaster,
    blocked: p.blocked,
    mobile: p.mobile,
    location_id: p.locationId,
    job_title: p.jobTitle,
    organisation: p.organisation,
    work_phone: p.workPhone,
    about: p.about,
    email_changed: p.emailChanged,
  });
  const recordType = sql`x(id uuid, import_key text, email text, name text, audience audience, webmaster boolean, blocked boolean, mobile text, location_id int,
    job_title text, organisation text, work_phone text, about text, email_changed boolean)`;
  const roles = sql`case when x.webmaster then '{webmaster}'::global_role[] else '{}'::global_role[] end`;

  const newIds = new Map<string, string>(); // lower(email) → id
  if (creates.length) {
    const inserted = await tx.execute(sql`
      insert into people (import_key, email, name, audience, roles, blocked, mobile, location_id, job_title, organisation, work_phone, about)
      select x.import_key, x.email, x.name, x.audience, ${roles}, x.blocked, x.mobile, x.location_id, x.job_title, x.organisation, x.work_phone, x.about
      from json_to_recordset(${rowsJson(creates.map(columns))}) as ${recordType}
      returning id, lower(email) as email`);
    for (const r of rowsOf<{ id: string; email: string }>(inserted)) newIds.set(r.email, r.id);
  }
  if (updates.length) {
    // A changed e-mail ends the old password and every session (M6), and the account must be authorised again.
    await tx.execute(sql`
      update people p set
        import_key = x.import_key, email = x.email, name = x.name, audience = x.audience, roles = ${roles},
        blocked = x.blocked, mobile = x.mobile, location_id = x.location_id, updated_at = now(),
        job_title = x.job_title, organisation = x.organisation, work_phone = x.work_phone, about = x.about,
        password_hash = case when x.email_changed then null else p.password_hash end,
        authorised_at = case when x.email_changed then null else p.authorised_at end,
        sessions_valid_from = case when x.email_changed or (x.blocked and not p.blocked) then now() else p.sessions_valid_from end
      from json_to_recordset(${rowsJson(updates.map(columns))}) as ${recordType}
      where p.id = x.id`);
  }

  // Memberships: each person whose teams change gets exactly the file's set.
  const members: { team_id: number; person_id: string; is_admin: boolean }[] = [];
  const replaced: string[] = [];
  for (const p of plan.people) {
    if (!p.teams) continue;
    const id = p.id ?? newIds.get(p.email.toLowerCase());
    if (!id) throw new Error("an imported person was not written");
    if (p.id) replaced.push(id);
    for (const [teamId, isAdmin] of p.teams) members.push({ team_id: teamId, person_id: id, is_admin: isAdmin });
  }
  if (replaced.length) {
    await tx.execute(sql`
      delete from team_members tm using json_array_elements_text(${rowsJson(replaced)}) as x(id)
      where tm.person_id = x.id::uuid`);
  }
  if (members.length) {
    await tx.execute(sql`
      insert into team_members (team_id, person_id, is_admin)
      select x.team_id, x.person_id, x.is_admin from json_to_recordset(${rowsJson(members)}) as x(team_id int, person_id uuid, is_admin boolean)`);
  }

  // M6, P7: the message goes to the NEW address only, with a link to create the new password.
  const changed = updates.filter((p) => p.emailChanged);
  await queueImportResetLinks(
    tx,
    uploadId,
    changed.map((p) => ({ id: p.id!, email: p.email })),
  );
  return changed.length;
}

/** The problems that stop an apply, in the message the form shows. */
export class ImportRefused extends ActionError {
  constructor(readonly plan: ImportPlan) {
    super(
      `Nothing was imported: the file has ${plan.problems.length} problem${plan.problems.length === 1 ? "" : "s"} against Portico as it is now. Review them below, fix the file and upload it again.`,
    );
  }
}

/** M6: the plan differs from the one the webmaster confirmed; nothing is written until they confirm the new one. */
export class ImportChanged extends ActionError {
  constructor(readonly plan: ImportPlan) {
    const creates = plan.changes.filter((c) => c.action === "create").length;
    super(
      `Nothing was imported: Portico has changed since the preview, so this file would now create ${creates} and update ${plan.changes.length - creates}. Review the new preview and confirm again.`,
    );
  }
}

/**
 * Applies a stored upload, all or nothing, in the caller's transaction, when the plan made
 * now is still the one previewed (`fingerprint`, planFingerprint).
 */
export async function applyUpload(tx: Db, viewer: Pick<Viewer, "id" | "isWebmaster">, uploadId: string, fingerprint: string): Promise<ApplyResult> {
  // One import at a time: the plan below must still hold when its rows are written.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('portico-import'))`);
  const upload = await getUpload(tx, viewer, uploadId);
  if (!upload) throw new ActionError(UPLOAD_GONE_MESSAGE);
  const plan = await planUpload(tx, upload, viewer.id);
  if (plan.problems.length) throw new ImportRefused(plan);
  if (planFingerprint(plan) !== fingerprint) throw new ImportChanged(plan);
  await writeLocations(tx, plan);
  await writeTeams(tx, plan);
  const emailChanges = plan.kind === "people" ? await writePeople(tx, plan, upload.id) : 0;
  await tx.update(importUploads).set({ appliedAt: new Date() }).where(eq(importUploads.id, upload.id));
  return {
    kind: plan.kind,
    rows: plan.rows,
    created: plan.changes.filter((c) => c.action === "create").length,
    updated: plan.changes.filter((c) => c.action === "update").length,
    unchanged: plan.unchanged,
    emailChanges,
  };
}
