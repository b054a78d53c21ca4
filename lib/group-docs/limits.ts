/**
 * G7: the largest group file, PORTICO_GROUP_FILE_MAX_MB (50 by default), read the way every
 * whole-number setting is (lib/env-number.ts) and checked at start-up (instrumentation.ts).
 */
import { readWholeNumber } from "@/lib/env-number";

type Env = Record<string, string | undefined>;

export const DEFAULT_GROUP_FILE_MAX_MB = 50;
/** PostgreSQL's integer holds a version's size in bytes: 2 GB at most. */
const LARGEST_SETTING_MB = 2047;

const read = (env: Env) => readWholeNumber(env, "PORTICO_GROUP_FILE_MAX_MB", DEFAULT_GROUP_FILE_MAX_MB, LARGEST_SETTING_MB);

/** Why the server must not start with this setting, or null. */
export function groupFileLimitProblem(env: Env = process.env): string | null {
  const reading = read(env);
  return reading.ok ? null : reading.message;
}

/** The limit in megabytes (the default were the setting unreadable: start-up refuses that). */
export function groupFileMaxMegabytes(env: Env = process.env): number {
  const reading = read(env);
  return reading.ok ? reading.value : DEFAULT_GROUP_FILE_MAX_MB;
}

export function groupFileMaxBytes(env: Env = process.env): number {
  return groupFileMaxMegabytes(env) * 1024 * 1024;
}
