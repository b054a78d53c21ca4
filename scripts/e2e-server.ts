/**
 * The server Playwright tests run against: a production build on its own fresh
 * database (a new PGlite folder, or a new database on DATABASE_URL's server), loaded
 * with the demo organisation, removed again when Playwright stops it (SIGTERM).
 *
 * e2e/random-orgs.spec.ts starts more of these, one per generated organisation:
 *   E2E_PORT        the port (default 3100)
 *   E2E_ORG_FILE    load this organisation file instead of the demo
 *   E2E_IDS_FILE    write there, as JSON, the ids the load gave: { content: { key: uuid }, sections: { slug: id } }
 *   E2E_SKIP_BUILD  "1": serve the existing build (another e2e server built it) rather than rebuild
 *   E2E_SHARED_DATABASE  "1": use DATABASE_URL's database as it is, neither created nor dropped
 *                   (e2e/two-instances.spec.ts: two servers on one database, which the spec owns)
 *   E2E_PUBLIC_URL  the site's public address (AUTH_URL), when the server is behind a proxy
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { connectPostgres } from "../db/connect";
import { adminUrl, databaseUrl } from "../db/testing/postgres";
import { buildIfNeeded, prepareDatabase, startServer } from "./serve";

const port = Number(process.env.E2E_PORT || 3100);
export const E2E_DATABASE_FILE = path.resolve(".cache", `e2e-database-url-${port}`);
const orgFile = process.env.E2E_ORG_FILE || undefined;
const idsFile = process.env.E2E_IDS_FILE || undefined;
const cleanups: (() => Promise<void> | void)[] = [];

// Once only: both the SIGTERM handler and the server's exit reach here.
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of [...cleanups].reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error(`e2e clean-up: ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}

// A stop asked for while starting up waits for the step in progress (a child server being
// spawned must be stopped too), then cleans up.
let stopRequested = false;
const requestStop = () => void (stopRequested = true);
process.on("SIGTERM", requestStop);
process.on("SIGINT", requestStop);
async function exitIfStopRequested() {
  if (!stopRequested) return;
  await cleanUp();
  process.exit(0);
}

try {
  if (process.env.E2E_SKIP_BUILD !== "1") buildIfNeeded();
  else if (!existsSync(".next/BUILD_ID")) throw new Error("E2E_SKIP_BUILD=1 but there is no build in .next");
  await exitIfStopRequested();
  mkdirSync(".cache", { recursive: true });
  mkdirSync(path.resolve(".cache"), { recursive: true });
  const dataDir = mkdtempSync(path.resolve(".cache", "e2e-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  process.env.PORTICO_DATA_DIR = dataDir;

  if (process.env.DATABASE_URL && process.env.E2E_SHARED_DATABASE !== "1") {
    const server = process.env.DATABASE_URL;
    const name = `portico_e2e_${Date.now().toString(36)}_${process.pid}`;
    const admin = connectPostgres(adminUrl(server), { max: 1 });
    await admin.db.execute(`create database "${name}"`);
    await admin.close();
    cleanups.push(async () => {
      const dropper = connectPostgres(adminUrl(server), { max: 1 });
      await dropper.db.execute(`drop database if exists "${name}" with (force)`);
      await dropper.close();
    });
    process.env.DATABASE_URL = databaseUrl(server, name);
    // Tests that change accounts behind the server's back read this (e2e/account-changes.spec.ts).
    writeFileSync(E2E_DATABASE_FILE, process.env.DATABASE_URL);
    cleanups.push(() => rmSync(E2E_DATABASE_FILE, { force: true }));
  }

  await exitIfStopRequested();
  const prepared = await prepareDatabase({ orgFile });
  if (idsFile) {
    writeFileSync(idsFile, JSON.stringify(prepared.ids ?? { content: {}, sections: {} }));
    cleanups.push(() => rmSync(idsFile, { force: true }));
  }
  await exitIfStopRequested();
  // E2E_NO_PUBLIC_URL=1: no public address at all, as behind a proxy that terminates https
  // (e2e/secure-cookies.spec.ts): Secure cookies then follow a trusted proxy's X-Forwarded-Proto.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", AUTH_SECRET: "e2e-secret-not-for-production-use-0123456789", AUTH_URL: process.env.E2E_PUBLIC_URL || `http://localhost:${port}` };
  // D1: the analytics specs see the views they make in the figures within seconds, not ten minutes.
  env.PORTICO_ANALYTICS_ROLLUP_SECONDS ??= "3";
  // Every spec signs in from this one address, and the wrong passwords and codes the specs
  // type on purpose add up past the default 30 within the limit's window: the per-address
  // limit is tested in lib/auth (sign-in.test.ts); the per-account limit stays as shipped.
  env.PORTICO_SIGN_IN_ADDRESS_LIMIT ??= "1000";
  if (process.env.E2E_NO_PUBLIC_URL === "1") {
    delete env.AUTH_URL;
    delete env.PORTICO_PUBLIC_URL;
  }
  const child = await startServer({ port, env });
  console.log(`e2e server ready on http://localhost:${port} (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}${orgFile ? `, ${orgFile}` : ""})`);
  const stop = async (code: number) => {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
    await cleanUp();
    process.exit(code);
  };
  process.removeListener("SIGTERM", requestStop);
  process.removeListener("SIGINT", requestStop);
  process.on("SIGTERM", () => void stop(0));
  process.on("SIGINT", () => void stop(0));
  child.on("exit", (code) => void cleanUp().then(() => process.exit(code ?? 1)));
  if (stopRequested) void stop(0);
} catch (error) {
  console.error(`e2e server could not start: ${(error as Error).message}`);
  await cleanUp();
  process.exit(1);
}
