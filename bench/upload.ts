/**
 * npm run bench:upload — G7's 50 MB group file through a real production server: uploaded
 * (POST /api/group-files, streamed, outside middleware) and downloaded again
 * (GET /api/group-files/<id>/versions/1), printing how much the server's resident memory
 * grew (VmRSS from /proc/<pid>/status, sampled every 10 ms) against the target of < 20 MB.
 * A figure, not a test: read it beside the time each took. RSS counts what the garbage
 * collector has not yet taken back too (each chunk of the request is a new buffer), so the
 * first upload's growth is mostly the heap growing to the churn; the second upload's shows
 * whether it grows with each file. Memory held (after collections) is measured in
 * lib/group-docs/upload-route.test.ts. With PORTICO_GROUP_FILE_MAX_MB raised, BENCH_MB=100
 * shows whether the growth follows the file's size.
 *
 * Runs on its own scratch PGlite folder with the demo organisation (Priya Sharma uploads to
 * the Digital transformation board). BENCH_PORT (default 3400) for the server, BENCH_MB
 * (default 50) for the file's size.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { connect } from "../db/connect";
import { groups } from "../db/schema";
import { DEMO_PASSWORD } from "../lib/org-file/demo";
import { buildIfNeeded, prepareDatabase, startServer } from "../scripts/serve";
import { signIn } from "./sign-in";

const PORT = Number(process.env.BENCH_PORT || 3400);
const BASE = `http://localhost:${PORT}`;
const SIZE_MB = Number(process.env.BENCH_MB || 50);
const MB = 1024 * 1024;
const TARGET_MB = 20;
const MEMBER = "priya.sharma@northmoor.example";
const GROUP = "digital-transformation";
const BOUNDARY = "----PorticoBenchBoundary4f3e2d1c";

/** The server's resident memory, in bytes. */
function rss(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : 0;
}

/** Samples the server's RSS while `work` runs: answers its result, the RSS before, and the peak. */
async function measured<T>(pid: number, work: () => Promise<T>) {
  const before = rss(pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rss(pid))), 10);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, rss(pid));
    return { result, before, peak, seconds: (performance.now() - started) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

/** A multipart body of a PDF of `size` bytes, made as it is sent (a new chunk each time, as from a disk). */
function multipart(groupId: number, name: string, size: number): { body: ReadableStream<Uint8Array>; length: number } {
  const encode = (text: string) => new TextEncoder().encode(text);
  const head = encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="groupId"\r\n\r\n${groupId}\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`);
  const tail = encode(`\r\n--${BOUNDARY}--\r\n`);
  const fileHead = encode("%PDF-1.7\n").length;
  let left = size - fileHead;
  const parts = [head];
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = parts.shift();
      if (next) return controller.enqueue(next);
      if (left > 0) {
        const chunk = new Uint8Array(Math.min(256 * 1024, left)).fill(0x20);
        left -= chunk.length;
        return controller.enqueue(chunk);
      }
      if (left === 0) {
        left = -1;
        return controller.enqueue(tail);
      }
      controller.close();
    },
  });
  return { body, length: head.length + size - fileHead + tail.length };
}

async function upload(cookie: string, groupId: number, name: string, size: number): Promise<string> {
  const { body, length } = multipart(groupId, name, size);
  const response = await fetch(`${BASE}/api/group-files`, {
    method: "POST",
    headers: { cookie, "content-type": `multipart/form-data; boundary=${BOUNDARY}`, "content-length": String(length) },
    body,
    duplex: "half",
  } as RequestInit);
  const answer = (await response.json()) as { ok: boolean; data?: { fileId: string; byteSize: number } };
  if (response.status !== 201 || !answer.ok || answer.data?.byteSize !== size) throw new Error(`upload failed: ${response.status} ${JSON.stringify(answer)}`);
  return answer.data.fileId;
}

async function download(cookie: string, fileId: string): Promise<number> {
  const response = await fetch(`${BASE}/api/group-files/${fileId}/versions/1`, { headers: { cookie } });
  if (response.status !== 200 || !response.body) throw new Error(`download failed: ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  return bytes;
}

buildIfNeeded();
const dir = mkdtempSync(path.join(os.tmpdir(), "portico-bench-upload-"));
process.env.PORTICO_DATA_DIR = dir;
let server: Awaited<ReturnType<typeof startServer>> | null = null;
try {
  await prepareDatabase();
  const conn = await connect({ max: 1 });
  const [group] = await conn.db.select({ id: groups.id }).from(groups).where(eq(groups.slug, GROUP));
  await conn.close(); // one process at a time on a PGlite folder
  server = await startServer({ port: PORT, env: { ...process.env, NODE_ENV: "production", AUTH_SECRET: "bench-secret-not-for-production-0123456789", AUTH_URL: BASE } });
  const pid = server.pid!;
  const cookie = await signIn(BASE, MEMBER, DEMO_PASSWORD);
  // Warm-up: the routes' code loaded and compiled, so the figures are the file's, not the first request's.
  const warm = await upload(cookie, group!.id, "Warm-up.pdf", MB);
  await download(cookie, warm);

  const size = SIZE_MB * MB;
  const up = await measured(pid, () => upload(cookie, group!.id, `Bench ${SIZE_MB} MB.pdf`, size));
  // Again: what one more upload costs once the process has grown to what the first needed.
  const again = await measured(pid, () => upload(cookie, group!.id, `Bench ${SIZE_MB} MB again.pdf`, size));
  const down = await measured(pid, () => download(cookie, up.result));
  if (down.result !== size) throw new Error(`downloaded ${down.result} bytes of ${size}`);
  const row = (what: string, m: { before: number; peak: number; seconds: number }) => {
    const grew = (m.peak - m.before) / MB;
    return `| ${what} | ${(m.before / MB).toFixed(0)} | ${(m.peak / MB).toFixed(0)} | ${grew.toFixed(1)} | ${grew < TARGET_MB ? "met" : "**not met**"} | ${m.seconds.toFixed(2)} | ${(SIZE_MB / m.seconds).toFixed(0)} |`;
  };
  console.log(`\n## ${SIZE_MB} MB group file through a production server (PGlite, local storage), load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
  console.log("| step | server RSS before, MB | peak, MB | growth, MB | target < 20 MB | seconds | MB/s |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  console.log(row("upload (POST /api/group-files)", up));
  console.log(row("a second upload", again));
  console.log(row("download (GET …/versions/1)", down));
} finally {
  if (server) {
    server.kill("SIGTERM");
    await new Promise((r) => (server!.exitCode !== null ? r(null) : server!.once("exit", r)));
  }
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
