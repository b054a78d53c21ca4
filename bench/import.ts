/**
 * npm run bench:import — M6 at full size: 100 000 people imported from one CSV file on
 * the real PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres),
 * in a scratch database created and dropped here. Preview and apply run through the
 * same lib/import code the /admin/import page's server actions call (store the upload,
 * plan it, apply it in one transaction with its audit row). Target: apply ≤ 60 s.
 * Prints figures; asserts nothing.
 */
import { sql } from "drizzle-orm";
import { connectPostgres } from "../db/connect";
import { migrate } from "../db/migrate";
import { loadOrganisation } from "../lib/org-file/load";
import { parseOrgFile } from "../lib/org-file/schema";
import { adminUrl, databaseUrl } from "../db/testing/postgres";
import { rowsOf } from "../db/connect";
import { recordAudit } from "../lib/audit/mutations";
import { applyUpload, storeUpload } from "../lib/import/mutations";
import { getUpload, planUpload, previewOf } from "../lib/import/queries";

const PEOPLE = Number(process.env.PEOPLE || 100_000);
const TEAMS = 200;
const LOCATIONS = 30;
const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const name = `portico_bench_import_${Date.now().toString(36)}`;
const admin = connectPostgres(adminUrl(url), { max: 1 });
await admin.db.execute(`create database "${name}"`);
const conn = connectPostgres(databaseUrl(url, name), { max: 4 });

function peopleCsv(variant: "initial" | "changed"): string {
  const lines = ["key,email,name,audience,roles,teams,teamAdmin,location,mobile,blocked"];
  for (let i = 0; i < PEOPLE; i++) {
    // "changed": every 10th person renamed, every 100th with a new e-mail address.
    const email = variant === "changed" && i % 100 === 0 ? `person${i}.new@bench.example` : `person${i}@bench.example`;
    const personName = variant === "changed" && i % 10 === 0 ? `Person ${i} Renamed` : `Person ${i}`;
    const team = `t${i % TEAMS}`;
    const admin = i % 50 === 0 ? team : "";
    lines.push(`EMP${i},${email},${personName},${i % 7 === 0 ? "external" : "organisational"},,${team};t${(i * 7) % TEAMS},${admin},l${i % LOCATIONS},+44 7700 ${String(100000 + i).slice(-6)},false`);
  }
  return `${lines.join("\n")}\n`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

try {
  await migrate(conn);
  const org = parseOrgFile({
    teams: Array.from({ length: TEAMS }, (_, i) => ({ key: `t${i}`, name: `Team ${i}`, parent: i < 10 ? null : `t${i % 10}` })),
    locations: Array.from({ length: LOCATIONS }, (_, i) => ({ key: `l${i}`, name: `Location ${i}` })),
    people: [{ email: "web@bench.example", name: "Web Master", audience: "organisational", roles: ["webmaster"] }],
    sections: [],
  });
  if (!org.ok) throw new Error(JSON.stringify(org.problems.slice(0, 3)));
  await loadOrganisation(conn.db, org.org);
  const [web] = rowsOf<{ id: string; email: string }>(await conn.db.execute(sql`select id::text, email from people`));
  const viewer = { id: web!.id, email: web!.email, isWebmaster: true };

  console.log(`database: PostgreSQL (${conn.location}); ${PEOPLE} people rows, ${TEAMS} teams, ${LOCATIONS} locations`);
  for (const [label, variant] of [
    ["first import (all new)", "initial"],
    ["same file again (no changes)", "initial"],
    ["10 % renamed, 1 % new e-mail", "changed"],
  ] as const) {
    const csv = new TextEncoder().encode(peopleCsv(variant));
    // Preview: what uploadImportAction does (store, then plan and summarise) in one transaction.
    let t = performance.now();
    const preview = await conn.db.transaction(async (tx) => {
      const id = await storeUpload(tx, viewer, { kind: "people", format: "csv", fileName: "people.csv", content: csv });
      const upload = (await getUpload(tx, viewer, id))!;
      return previewOf(upload, await planUpload(tx, upload, viewer.id));
    });
    const previewMs = performance.now() - t;
    if (preview.problems.length) throw new Error(JSON.stringify(preview.problems.slice(0, 3)));
    // Apply: what applyImportAction does (re-validate and write, audit row) in one transaction.
    t = performance.now();
    const result = await conn.db.transaction(async (tx) => {
      const r = await applyUpload(tx, viewer, preview.uploadId, preview.fingerprint);
      await recordAudit(tx, { actor: viewer, action: "import.apply", details: { ...r } });
      return r;
    });
    const applyMs = performance.now() - t;
    console.log(
      `${label}: file ${(csv.byteLength / 1048576).toFixed(1)} MB; preview ${seconds(previewMs)} (${preview.creates} create, ${preview.updates} update, ${preview.unchanged} unchanged); ` +
        `apply ${seconds(applyMs)} (${result.created} created, ${result.updated} updated, ${result.emailChanges} e-mail changes mailed)`,
    );
  }
  const [counts] = rowsOf<{ people: number; members: number; mails: number }>(
    await conn.db.execute(sql`select (select count(*)::int from people) as people, (select count(*)::int from team_members) as members, (select count(*)::int from outbox_messages) as mails`),
  );
  console.log(`afterwards: ${counts!.people} people, ${counts!.members} team memberships, ${counts!.mails} queued e-mails`);
} finally {
  await conn.close();
  await admin.db.execute(`drop database "${name}" with (force)`);
  await admin.close();
}
