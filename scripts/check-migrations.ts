/**
 * Fails when db/schema has changes that no migration in drizzle/ holds: generates into a
 * scratch copy of drizzle/ and compares.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

// drizzle-kit only takes an output folder relative to the project.
mkdirSync(".cache", { recursive: true });
const scratch = path.join(path.relative(process.cwd(), mkdtempSync(path.join(".cache", "drift-"))), "drizzle");
cpSync("drizzle", scratch, { recursive: true });
const list = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();
const before = list(scratch);
try {
  const output = execFileSync("npx", ["drizzle-kit", "generate", "--name", "drift"], {
    env: { ...process.env, DRIZZLE_OUT: scratch },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  // drizzle-kit can print an error and still exit 0: require its own verdict.
  if (!/No schema changes|Your SQL migration file/.test(output)) {
    throw new Error(`drizzle-kit generate gave no verdict:\n${output}`);
  }
  const added = list(scratch).filter((f) => !before.includes(f) && f.endsWith(".sql"));
  if (added.length) {
    console.error(`db/schema has changes that no migration holds (drizzle-kit would write ${added.join(", ")}). Run npm run db:generate and commit the result.`);
    process.exitCode = 1;
  } else {
    console.log("Migrations match db/schema.");
  }
} finally {
  rmSync(path.dirname(scratch), { recursive: true, force: true });
}
