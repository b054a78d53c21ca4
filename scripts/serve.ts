/**
 * What `npm start` and the e2e server share: build when the sources changed, migrate,
 * load the demo organisation into an empty database, then run `next start`.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { inArray, sql } from "drizzle-orm";
import { connect } from "../db/connect";
import { migrate } from "../db/migrate";
import { content, people, sections } from "../db/schema";
import { parseOrgFileInFolder } from "../lib/org-file/contents";
import { DEMO_ORG_FILE, DEMO_PASSWORD, DEMO_SIGN_INS } from "../lib/org-file/demo";
import { isDatabaseEmpty, loadOrganisation } from "../lib/org-file/load";
import { PEER_STAMP_ENV, allowlistStartupProblem } from "../lib/security/ip";
import { completeBuild } from "./complete-build";

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");
const PEER_PRELOAD = path.resolve("scripts/peer-address.cjs");
const BUILD_INPUTS = ["app", "components", "lib", "db", "public", "middleware.ts", "instrumentation.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const FINGERPRINT_FILE = path.resolve(".next/portico-build-fingerprint");

function fingerprint(): string {
  const hash = createHash("sha256");
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) visit(path.join(p, name));
    } else if (!/\.(test|spec)\.tsx?$/.test(p)) {
      hash.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
    }
  };
  BUILD_INPUTS.forEach(visit);
  return hash.digest("hex");
}

/** Runs `next build` unless the last build was made from these very sources. */
export function buildIfNeeded(): void {
  const current = fingerprint();
  if (existsSync(".next/BUILD_ID") && existsSync(FINGERPRINT_FILE) && readFileSync(FINGERPRINT_FILE, "utf8") === current) return;
  console.log("Building Portico (first run, or the sources changed)…");
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("next build failed");
  completeBuild();
  writeFileSync(FINGERPRINT_FILE, current);
}

/** Import key → content id and slug → section id of an organisation just loaded. */
export interface LoadedIds {
  content: Record<string, string>;
  sections: Record<string, number>;
}

/**
 * Migrates, loads the demo organisation when the database is empty; returns the demo sign-ins present.
 * With `orgFile` (the e2e server's random organisations) that file is loaded instead, and the
 * database must be empty; the ids the load gave the file's content and sections are returned.
 */
export async function prepareDatabase(
  options: { orgFile?: string } = {},
): Promise<{ location: string; demoEmails: string[]; loaded: boolean; ids: LoadedIds | null }> {
  const conn = await connect({ max: 1 });
  try {
    await migrate(conn);
    let loaded = false;
    let ids: LoadedIds | null = null;
    const empty = await isDatabaseEmpty(conn.db);
    if (options.orgFile && !empty) throw new Error(`The database already holds an organisation: ${options.orgFile} was not loaded.`);
    if (empty) {
      const file = options.orgFile ?? DEMO_ORG_FILE;
      const baseDir = path.dirname(path.resolve(file));
      const parsed = await parseOrgFileInFolder(readFileSync(file, "utf8"), baseDir);
      if (!parsed.ok) {
        const what = options.orgFile ? `The organisation file ${file}` : "The demo organisation file";
        throw new Error(`${what} is broken: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
      }
      await loadOrganisation(conn.db, parsed.org, { baseDir });
      loaded = true;
      if (options.orgFile) {
        const [contentRows, sectionRows] = await Promise.all([
          conn.db.select({ id: content.id, key: content.importKey }).from(content),
          conn.db.select({ id: sections.id, slug: sections.slug }).from(sections),
        ]);
        ids = {
          content: Object.fromEntries(contentRows.flatMap((r) => (r.key ? [[r.key, r.id]] : []))),
          sections: Object.fromEntries(sectionRows.map((r) => [r.slug, r.id])),
        };
      }
    }
    const present = await conn.db
      .select({ email: people.email })
      .from(people)
      .where(inArray(sql`lower(${people.email})`, DEMO_SIGN_INS.map((d) => d.email)));
    return { location: conn.location, demoEmails: present.map((p) => p.email.toLowerCase()), loaded, ids };
  } finally {
    // Two processes cannot open one PGlite folder: close before `next start` opens it.
    await conn.close();
  }
}

export function printSignIns(url: string, demoEmails: string[]): void {
  console.log(`\nPortico is running at ${url}\n`);
  const shown = DEMO_SIGN_INS.filter((d) => demoEmails.includes(d.email));
  if (!shown.length) return;
  console.log(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
  for (const d of shown) {
    const note = d.lands ? `lands on ${d.lands}` : "is refused: blocked";
    console.log(`  ${d.role.padEnd(20)} ${d.email.padEnd(36)} ${note}`);
  }
  console.log("");
}

async function waitForPort(port: number, child: ReturnType<typeof spawn>): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      await fetch(`http://127.0.0.1:${port}/login`, { redirect: "manual" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error("Portico did not start within two minutes");
}

/**
 * Node 22's AsyncLocalStorage, which Next.js and React use for every request's context, is
 * built on async hooks: a hook on every promise. Async context frames (the default from
 * Node 24) carry the context without them; on Node 22 this flag turns them on.
 */
const ASYNC_CONTEXT_FLAG = Number(process.versions.node.split(".")[0]) === 22 ? ["--experimental-async-context-frame"] : [];

/**
 * Starts `next start` (one node process, so one PID to stop) and resolves once it answers.
 * The process preloads scripts/peer-address.cjs, which records each connection's address
 * for the IP allowlist and the audit log (M7, M8); a bad PORTICO_IP_ALLOWLIST or
 * PORTICO_TRUSTED_PROXIES stops here, before anything is served.
 */
export async function startServer(options: { port: number; env: NodeJS.ProcessEnv; preload?: string[] }) {
  const problem = allowlistStartupProblem({ ...options.env, [PEER_STAMP_ENV]: "1" });
  if (problem) throw new Error(problem);
  // `preload`: more modules for `node --require` (bench/profile.ts's profiler switch).
  const requires = [PEER_PRELOAD, ...(options.preload ?? [])].flatMap((file) => ["--require", file]);
  const child = spawn(process.execPath, [...ASYNC_CONTEXT_FLAG, ...requires, NEXT_BIN, "start", "-p", String(options.port)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...options.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  await waitForPort(options.port, child);
  return child;
}
