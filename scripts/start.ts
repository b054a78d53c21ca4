/** npm start: builds when needed, migrates, loads the demo on first run, serves on PORT. */
import { ensureAuthSecret } from "../lib/auth/secret";
import { buildIfNeeded, prepareDatabase, printSignIns, startServer } from "./serve";

const port = Number(process.env.PORT || 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(1);
}

try {
  process.env.AUTH_SECRET = ensureAuthSecret();
  buildIfNeeded();
  const db = await prepareDatabase();
  if (db.loaded) console.log(`Loaded the demo organisation into ${db.location}.`);
  const child = await startServer({ port, env: { ...process.env, NODE_ENV: "production" } });
  printSignIns(`http://localhost:${port}`, db.demoEmails);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
} catch (error) {
  console.error(`Portico could not start: ${(error as Error).message}`);
  process.exit(1);
}
