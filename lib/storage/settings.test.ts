/**
 * The storage settings (lib/storage/settings.ts): the local folder by default, S3 when a
 * bucket is named, and a clear start-up message for every half-made S3 configuration that
 * names the settings and never shows the secret key.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readStorageSettings, storageStartupProblem } from "./settings";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const full = {
  PORTICO_S3_BUCKET: "portico-files",
  PORTICO_S3_ENDPOINT: "https://s3.example.org",
  PORTICO_S3_ACCESS_KEY_ID: "AKIAEXAMPLE",
  PORTICO_S3_SECRET_ACCESS_KEY: SECRET,
  PORTICO_S3_FORCE_PATH_STYLE: "true",
};

describe("reading the storage settings", () => {
  it("stores under PORTICO_DATA_DIR/uploads when no bucket is set, where uploads always lived", () => {
    expect(readStorageSettings({ PORTICO_DATA_DIR: "/srv/portico" })).toEqual({ ok: true, settings: { kind: "local", dir: path.join("/srv/portico", "uploads") } });
    expect(readStorageSettings({})).toEqual({ ok: true, settings: { kind: "local", dir: path.resolve(".data", "uploads") } });
    expect(storageStartupProblem({ PORTICO_S3_BUCKET: "  " })).toBeNull();
  });

  it("uses an S3-compatible bucket when one is named", () => {
    expect(readStorageSettings(full)).toEqual({
      ok: true,
      settings: { kind: "s3", bucket: "portico-files", endpoint: "https://s3.example.org", region: "us-east-1", credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: SECRET }, forcePathStyle: true },
    });
    // Amazon S3 itself: a region, and the SDK's own credentials (an instance role).
    expect(readStorageSettings({ PORTICO_S3_BUCKET: "portico-files", PORTICO_S3_REGION: "eu-west-3" })).toEqual({
      ok: true,
      settings: { kind: "s3", bucket: "portico-files", endpoint: undefined, region: "eu-west-3", credentials: undefined, forcePathStyle: false },
    });
  });

  it("stops start-up on a half-made configuration, naming the settings and never the secret", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...full, PORTICO_S3_BUCKET: "" }, /PORTICO_S3_ENDPOINT, PORTICO_S3_ACCESS_KEY_ID, PORTICO_S3_SECRET_ACCESS_KEY, PORTICO_S3_FORCE_PATH_STYLE are set but PORTICO_S3_BUCKET is not/],
      [{ PORTICO_S3_SECRET_ACCESS_KEY: SECRET }, /PORTICO_S3_SECRET_ACCESS_KEY is set but PORTICO_S3_BUCKET is not/],
      [{ ...full, PORTICO_S3_ACCESS_KEY_ID: "" }, /PORTICO_S3_ACCESS_KEY_ID is not set: set both/],
      [{ ...full, PORTICO_S3_SECRET_ACCESS_KEY: "" }, /PORTICO_S3_SECRET_ACCESS_KEY is not set: set both/],
      [{ PORTICO_S3_BUCKET: "portico-files" }, /PORTICO_S3_REGION must be set/],
      [{ ...full, PORTICO_S3_BUCKET: "My_Bucket" }, /PORTICO_S3_BUCKET must be a bucket name/],
      [{ ...full, PORTICO_S3_ENDPOINT: "s3.example.org" }, /PORTICO_S3_ENDPOINT must be an http/],
      [{ ...full, PORTICO_S3_ENDPOINT: `https://key:${encodeURIComponent(SECRET)}@s3.example.org` }, /without a user name or password/],
      [{ ...full, PORTICO_S3_FORCE_PATH_STYLE: "yes" }, /PORTICO_S3_FORCE_PATH_STYLE must be true or false/],
    ];
    for (const [env, message] of cases) {
      const problem = storageStartupProblem(env);
      expect(problem, JSON.stringify(Object.keys(env))).toMatch(message);
      expect(problem).not.toContain(SECRET);
      expect(problem).not.toContain(encodeURIComponent(SECRET));
    }
  });
});
