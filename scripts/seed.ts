/**
 * npm run db:seed -- --file path/to/org.json [--reset]
 * Migrates the database in use when needed and loads an organisation file into it; the file
 * may be a full export's zip (D3): its org.json with the files beside it.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { connect } from "../db/connect";
import { migrate } from "../db/migrate";
import { type UnpackedArchive, isZipFile, unpackOrgArchive } from "../lib/org-file/archive";
import { OrgFileRefusedError, parseOrgFileInFolder } from "../lib/org-file/contents";
import { DatabaseNotEmptyError, loadOrganisation } from "../lib/org-file/load";
import type { Problem } from "../lib/org-file/schema";

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
// Group files' paths (G7) are relative to the organisation file's own folder (an archive's: where it was unpacked).
let baseDir = path.dirname(path.resolve(args.file));
let archive: UnpackedArchive | null = null;
try {
  if (await isZipFile(args.file)) {
    archive = await unpackOrgArchive(args.file);
    ({ text, dir: baseDir } = archive);
  } else {
    text = readFileSync(args.file, "utf8");
  }
} catch (error) {
  fail(`Cannot read ${args.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
}
process.once("exit", () => archive && rmSync(archive.dir, { recursive: true, force: true }));

function printRefusal(file: string, problems: Problem[]): void {
  console.error(`${file} was refused: ${problems.length} problem(s). Nothing was written.`);
  for (const p of problems) console.error(`  ${p.path}: ${p.message}`);
}

const parsed = await parseOrgFileInFolder(text, baseDir);
if (!parsed.ok) {
  if (archive?.missingFiles) console.error(archive.missingFiles);
  printRefusal(args.file, parsed.problems);
  process.exit(1);
}

const conn = await connect({ max: 1 });
try {
  await migrate(conn);
  const started = Date.now();
  const summary = await loadOrganisation(conn.db, parsed.org, { reset: args.reset, baseDir });
  console.log(
    `Loaded ${args.file} into ${conn.location} in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      `${summary.people} people, ${summary.teams} teams, ${summary.locations} locations, ${summary.sections} sections, ` +
      `${summary.content} content items, ${summary.groups} groups, ${summary.files} group files, ` +
      `${summary.images} images in content, ${summary.ideas} ideas, ${summary.wallPosts} wall posts, ${summary.queries} queries.`,
  );
} catch (error) {
  if (error instanceof OrgFileRefusedError) {
    // A group file changed on disk between the check above and the load's own.
    printRefusal(args.file, error.problems);
    process.exitCode = 1;
  } else if (error instanceof DatabaseNotEmptyError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    console.error(`Loading failed; nothing was written: ${(error as Error).message}`);
    process.exitCode = 1;
  }
} finally {
  await conn.close();
}
