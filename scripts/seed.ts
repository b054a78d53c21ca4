/**
 * npm run db:seed -- --file path/to/org.json [--reset]
 * Migrates the database in use when needed and loads an organisation file into it.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { connect } from "../db/connect";
import { migrate } from "../db/migrate";
import { DatabaseNotEmptyError, loadOrganisation } from "../lib/org-file/load";
import { parseOrgFileText } from "../lib/org-file/schema";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args;
try {
  args = parseArgs({ options: { file: { type: "string" }, reset: { type: "boolean", default: false } } }).values;
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm run db:seed -- --file path/to/org.json [--reset]`);
}
if (!args.file) fail("Usage: npm run db:seed -- --file path/to/org.json [--reset]");

let text: string;
try {
  text = readFileSync(args.file, "utf8");
} catch (error) {
  fail(`Cannot read ${args.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
}

const parsed = parseOrgFileText(text);
if (!parsed.ok) {
  console.error(`${args.file} was refused: ${parsed.problems.length} problem(s). Nothing was written.`);
  for (const p of parsed.problems) console.error(`  ${p.path}: ${p.message}`);
  process.exit(1);
}

const conn = await connect({ max: 1 });
try {
  await migrate(conn);
  const started = Date.now();
  const summary = await loadOrganisation(conn.db, parsed.org, { reset: args.reset });
  console.log(
    `Loaded ${args.file} into ${conn.location} in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      `${summary.people} people, ${summary.teams} teams, ${summary.locations} locations, ${summary.sections} sections, ` +
      `${summary.content} content items, ${summary.groups} groups.`,
  );
} catch (error) {
  if (error instanceof DatabaseNotEmptyError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    console.error(`Loading failed; nothing was written: ${(error as Error).message}`);
    process.exitCode = 1;
  }
} finally {
  await conn.close();
}
