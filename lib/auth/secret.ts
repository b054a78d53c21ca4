/**
 * AUTH_SECRET from the environment always wins. Without it, one is generated once and
 * kept beside the embedded data (PORTICO_DATA_DIR/auth-secret, mode 600), so the
 * embedded default needs no configuration and sessions survive restarts.
 * Node only: read by next.config.ts and the start scripts, never bundled.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function ensureAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const dir = path.resolve(process.env.PORTICO_DATA_DIR || ".data");
  const file = path.join(dir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    if (process.env.DATABASE_URL) {
      console.warn(`AUTH_SECRET is not set: generated one in ${file}. Set AUTH_SECRET yourself when several instances share the database.`);
    }
  }
  return readFileSync(file, "utf8").trim();
}
