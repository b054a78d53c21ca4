/**
 * npm run bench:load — how long a 1 000-person organisation file takes to load
 * (target: seconds), on the embedded database or on DATABASE_URL's server (a fresh
 * database created and dropped here). Prints figures; asserts nothing.
 */
import { type Connection, connectPostgres, createPglite, wrapPglite } from "../db/connect";
import { migrate } from "../db/migrate";
import { loadOrganisation } from "../lib/org-file/load";
import { parseOrgFile } from "../lib/org-file/schema";
import { adminUrl, databaseUrl } from "../db/testing/postgres";
import { generateOrg } from "./generate-org";

const size = { people: 1000, teams: 120, sections: 200, content: 2000 };
// PASSWORDS=none: people without passwords (they get welcome e-mails), so no hashing.
const withPasswords = process.env.PASSWORDS !== "none";
const org = generateOrg({ ...size, passwords: withPasswords });

let conn: Connection;
let drop = async () => {};
if (process.env.DATABASE_URL) {
  const name = `portico_bench_${Date.now().toString(36)}`;
  const admin = connectPostgres(adminUrl(process.env.DATABASE_URL), { max: 1 });
  await admin.db.execute(`create database "${name}"`);
  conn = connectPostgres(databaseUrl(process.env.DATABASE_URL, name));
  drop = async () => {
    await admin.db.execute(`drop database "${name}" with (force)`);
    await admin.close();
  };
} else {
  conn = wrapPglite(await createPglite(), "memory");
}

try {
  await migrate(conn);
  let t = performance.now();
  const parsed = parseOrgFile(JSON.parse(JSON.stringify(org)));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 5)));
  const checkMs = performance.now() - t;
  t = performance.now();
  await loadOrganisation(conn.db, parsed.org);
  const loadMs = performance.now() - t;
  console.log(`database: ${conn.kind}`);
  console.log(`organisation: ${size.people} people (${withPasswords ? "all with passwords" : "no passwords"}), ${size.teams} teams, ${size.sections} sections, ${size.content} content items`);
  console.log(`check file: ${checkMs.toFixed(0)} ms`);
  console.log(`load (${withPasswords ? "argon2id hashing + " : ""}one transaction): ${(loadMs / 1000).toFixed(2)} s`);
} finally {
  await conn.close();
  await drop();
}
