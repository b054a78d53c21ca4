/**
 * Where uploaded files are stored, read from the environment once and checked at start-up
 * (instrumentation.ts): a folder under PORTICO_DATA_DIR by default, or an S3-compatible
 * bucket when PORTICO_S3_BUCKET is set. A half-made S3 configuration stops the server with a
 * message naming the settings, never their values: the secret key is never in a message.
 */
import path from "node:path";

type Env = Record<string, string | undefined>;

export interface LocalSettings {
  kind: "local";
  /** The folder objects live in: PORTICO_DATA_DIR/uploads, where uploads always lived. */
  dir: string;
}

export interface S3Settings {
  kind: "s3";
  bucket: string;
  /** Unset: Amazon S3 itself; else any S3-compatible service's address. */
  endpoint: string | undefined;
  region: string;
  /** Unset: the SDK's own credential chain (an instance role, AWS_* variables…). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Bucket in the path (http://host/bucket/key) rather than the host name: most self-hosted services need it. */
  forcePathStyle: boolean;
}

export type StorageSettings = LocalSettings | S3Settings;
export type StorageReading = { ok: true; settings: StorageSettings } | { ok: false; message: string };

const S3_NAMES = [
  "PORTICO_S3_BUCKET",
  "PORTICO_S3_ENDPOINT",
  "PORTICO_S3_REGION",
  "PORTICO_S3_ACCESS_KEY_ID",
  "PORTICO_S3_SECRET_ACCESS_KEY",
  "PORTICO_S3_FORCE_PATH_STYLE",
] as const;

/** Amazon's rule for bucket names, which S3-compatible services share. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** The region other services accept when they have none of their own. */
const DEFAULT_COMPATIBLE_REGION = "us-east-1";

export function readStorageSettings(env: Env = process.env): StorageReading {
  const value = (name: (typeof S3_NAMES)[number]) => env[name]?.trim() || undefined;
  const bucket = value("PORTICO_S3_BUCKET");
  if (!bucket) {
    const stray = S3_NAMES.filter((name) => value(name) !== undefined);
    if (stray.length) return { ok: false, message: `${stray.join(", ")} ${stray.length === 1 ? "is" : "are"} set but PORTICO_S3_BUCKET is not: set it to store files in that bucket, or unset ${stray.length === 1 ? "it" : "them"} to store files under PORTICO_DATA_DIR.` };
    return { ok: true, settings: { kind: "local", dir: path.join(path.resolve(env.PORTICO_DATA_DIR || ".data"), "uploads") } };
  }
  if (!BUCKET_NAME.test(bucket)) return { ok: false, message: `PORTICO_S3_BUCKET must be a bucket name (3 to 63 lower-case letters, digits, dots and hyphens); it is ${JSON.stringify(bucket)}.` };

  const endpoint = value("PORTICO_S3_ENDPOINT");
  if (endpoint !== undefined) {
    let url: URL | null = null;
    try {
      url = new URL(endpoint);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password) {
      return { ok: false, message: "PORTICO_S3_ENDPOINT must be an http:// or https:// address without a user name or password in it." };
    }
  }
  const region = value("PORTICO_S3_REGION") ?? (endpoint ? DEFAULT_COMPATIBLE_REGION : undefined);
  if (!region) return { ok: false, message: "PORTICO_S3_REGION must be set for Amazon S3 (for another S3-compatible service, set PORTICO_S3_ENDPOINT)." };

  const accessKeyId = value("PORTICO_S3_ACCESS_KEY_ID");
  const secretAccessKey = value("PORTICO_S3_SECRET_ACCESS_KEY");
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    const missing = accessKeyId === undefined ? "PORTICO_S3_ACCESS_KEY_ID" : "PORTICO_S3_SECRET_ACCESS_KEY";
    return { ok: false, message: `${missing} is not set: set both PORTICO_S3_ACCESS_KEY_ID and PORTICO_S3_SECRET_ACCESS_KEY, or neither to use the SDK's own credentials.` };
  }

  const pathStyle = value("PORTICO_S3_FORCE_PATH_STYLE")?.toLowerCase();
  if (pathStyle !== undefined && !["true", "false", "1", "0"].includes(pathStyle)) {
    return { ok: false, message: `PORTICO_S3_FORCE_PATH_STYLE must be true or false; it is ${JSON.stringify(env.PORTICO_S3_FORCE_PATH_STYLE)}.` };
  }
  return {
    ok: true,
    settings: {
      kind: "s3",
      bucket,
      endpoint,
      region,
      credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
      forcePathStyle: pathStyle === "true" || pathStyle === "1",
    },
  };
}

/** Why the server must not start with these settings (instrumentation.ts), or null. */
export function storageStartupProblem(env: Env = process.env): string | null {
  const reading = readStorageSettings(env);
  return reading.ok ? null : reading.message;
}
