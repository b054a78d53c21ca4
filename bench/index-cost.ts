/**
 * npm run bench:index-cost — D4: what keeping the search index adds to saving an item. An
 * item of a policy's size (about 3 000 characters of HTML in headings, paragraphs and a
 * list, five tags) is saved through the app's own save (lib/content/mutations.ts
 * updateContent, in a transaction with its audit row, as the action does) on PostgreSQL
 * (DATABASE_URL, default the local server), in a scratch database created and dropped here,
 * in rounds that alternate the search triggers on and off. Prints the time a save takes each
 * way and the ratio (the target: the index adds at most 20 %); asserts nothing.
 */
import { sql } from "drizzle-orm";
import { connectPostgres } from "../db/connect";
import { migrate } from "../db/migrate";
import { adminUrl, databaseUrl } from "../db/testing/postgres";
import { recordAudit } from "../lib/audit/mutations";
import { updateContent } from "../lib/content/mutations";
import { loadOrganisation } from "../lib/org-file/load";
import { parseOrgFile } from "../lib/org-file/schema";

const SAVES = Number(process.env.SAVES || 200);
const ROUNDS = Number(process.env.ROUNDS || 4);
const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const name = `portico_bench_index_${Date.now().toString(36)}`;
const admin = connectPostgres(adminUrl(url), { max: 1 });
await admin.db.execute(`create database "${name}"`);
const conn = connectPostgres(databaseUrl(url, name), { max: 1 });

const paragraph = (i: number) =>
  `<p>Section ${i}: staff who work from home must keep information secure, follow the acceptable use policy, and agree their working pattern with their manager. Requests are answered within four weeks.</p>`;
const body = (n: number) =>
  `<h2>Purpose</h2>${Array.from({ length: 14 }, (_, i) => paragraph(i)).join("")}<h2>Checklist</h2><ul>${Array.from({ length: 10 }, (_, i) => `<li>Point ${i} of save ${n}</li>`).join("")}</ul>`;
const TRIGGERS = ["content_search_vector", "content_tags_learn"];

try {
  await migrate(conn);
  const org = parseOrgFile({
    teams: [],
    locations: [],
    people: [{ email: "web@bench.example", name: "Wen Web", audience: "organisational", roles: ["webmaster"] }],
    sections: [{ slug: "policies", title: "Policies", parent: null, restricted: false }],
    content: [{ key: "p", type: "policy", title: "Hybrid working policy", body: body(0), section: "policies", author: "web@bench.example", status: "published" }],
    groups: [],
  });
  if (!org.ok) throw new Error(JSON.stringify(org.problems));
  await loadOrganisation(conn.db, org.org);
  const [row] = (await conn.db.execute(sql`select c.id, c.version, p.id as person from content c, people p limit 1`)) as unknown as { id: string; version: number; person: string }[];
  const viewer = { id: row!.person, name: "Wen Web", email: "web@bench.example", audience: "organisational" as const, isWebmaster: true };
  let version = row!.version;
  console.log(`One item of ${body(1).length} characters of HTML; ${SAVES} saves a round, ${ROUNDS} rounds each way, alternating.\n`);

  const round = async (indexed: boolean) => {
    for (const trigger of TRIGGERS) await conn.db.execute(sql.raw(`alter table content ${indexed ? "enable" : "disable"} trigger ${trigger}`));
    const started = performance.now();
    for (let i = 0; i < SAVES; i++) {
      await conn.db.transaction(async (tx) => {
        const saved = await updateContent(tx, viewer, {
          id: row!.id,
          baseVersion: version,
          type: "policy",
          title: `Hybrid working policy ${i}`,
          body: body(i),
          tags: ["hybrid working", "hr policy", "remote", "security", `round ${i % 7}`],
          intent: "save",
        } as Parameters<typeof updateContent>[2]);
        version = saved.version;
        await recordAudit(tx, { actor: { id: viewer.id, email: viewer.email }, action: "content.update", target: { type: "content", id: row!.id }, details: {} });
      });
    }
    return (performance.now() - started) / SAVES;
  };

  await round(true); // warm
  const times = { on: [] as number[], off: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    times.off.push(await round(false));
    times.on.push(await round(true));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const on = median(times.on);
  const off = median(times.off);
  console.log("| | ms a save (median of rounds) | rounds |");
  console.log("| --- | --- | --- |");
  console.log(`| without the search index | ${off.toFixed(2)} | ${times.off.map((t) => t.toFixed(2)).join(", ")} |`);
  console.log(`| with it | ${on.toFixed(2)} | ${times.on.map((t) => t.toFixed(2)).join(", ")} |`);
  console.log(`\nThe index adds ${(((on - off) / off) * 100).toFixed(1)} % to a save (target: at most 20 %).`);
} finally {
  await conn.close();
  await admin.db.execute(`drop database if exists "${name}" with (force)`);
  await admin.close();
}
