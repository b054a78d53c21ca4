/**
 * Starts a real S3-compatible server for a test file (./s3-server-process.mjs: s3rver, from
 * npm, on 127.0.0.1 and a free port, in a folder of its own) and answers the settings that
 * point the S3 back end at it, as PORTICO_S3_* would.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { S3Settings } from "../settings";

export interface TestS3Server {
  settings: S3Settings;
  stop(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL("./s3-server-process.mjs", import.meta.url));

export async function startTestS3Server(bucket = "portico-test"): Promise<TestS3Server> {
  const dir = mkdtempSync(path.join(tmpdir(), "portico-s3-"));
  const child = spawn(process.execPath, [SCRIPT, dir, bucket], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the test S3 server exited (${code}) before it listened`)));
    createInterface({ input: child.stdout! }).once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
  });
  return {
    settings: {
      kind: "s3",
      bucket,
      endpoint: `http://127.0.0.1:${port}`,
      region: "us-east-1",
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      forcePathStyle: true,
    },
    async stop() {
      child.stdin!.end();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
