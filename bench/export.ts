/**
 * npm run bench:export — D3's target at full size: "the full export of the large
 * organisation streams with server memory growing by < 100 MB". The app's own full export
 * (lib/export/full/archive.ts fullExportArchive, with the app's object store,
 * lib/storage/current.ts) of the benchmark organisation in PostgreSQL (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/portico_bench, built by bench/large-org.ts), streamed in
 * this process to a file under the system's temporary folder (deleted afterwards), while
 * process.memoryUsage() (RSS, heap used) is sampled every 250 ms. Part-way through org.json
 * the consumer stops reading for PAUSE_SECONDS and then reads at a trickle for as long
 * (a slow download): memory should not grow while it waits (backpressure).
 *
 * The benchmark organisation's group files have rows but no stored bytes (bench/large-org.ts
 * writes none), so every one of them comes out in missing-files.txt rather than in the zip.
 *
 * Before it starts, the archive's size is estimated from a first page of each large list
 * (content, people, groups) and checked against the free space of the temporary folder; it
 * stops with a message if the archive may not fit. Prints figures and PASS/FAIL; asserts nothing.
 */
import { createWriteStream, rmSync, statfsSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { execFileSync } from "node:child_process";
import { sql } from "drizzle-orm";
import yauzl from "yauzl";

process.env.DATABASE_URL ||= "postgres://postgres@127.0.0.1:5432/portico_bench";

const { getDb } = await import("../db/client");
const { rowsOf } = await import("../db/connect");
const { fullExportArchive, MISSING_FILES_ENTRY, ORG_FILE_ENTRY } = await import("../lib/export/full/archive");
const { contentPages } = await import("../lib/export/full/content");
const { peoplePages } = await import("../lib/export/full/directory");
const { groupsExportPage } = await import("../lib/export/groups");
const { objectStore } = await import("../lib/storage/current");

const MB = 1024 * 1024;
const TARGET_MB = 100;
const SAMPLE_MS = 250;
const PAUSE_SECONDS = Number(process.env.PAUSE_SECONDS || 5);
/** Where in the archive the slow download starts (its bytes, well inside org.json's content; for a smaller organisation, half way through its org.json). */
const SLOW_AT_MB = Number(process.env.SLOW_AT_MB || 40);
/** org.json compresses about 6 to 1 (78.6 MB of 463.7 at full size). */
const COMPRESSION = 6;
/** The trickle: this many bytes every 100 ms (640 KB/s). */
const TRICKLE_BYTES = 64 * 1024;
const url = process.env.DATABASE_URL;
const mb = (bytes: number) => (bytes / MB).toFixed(1);
const file = path.join(os.tmpdir(), `portico-bench-export-${process.pid}.zip`);

const db = await getDb();
const store = objectStore();

/** The first page of each large list, as the export writes it, times the list's length: org.json's size, roughly. */
async function estimate(): Promise<{
  orgJson: number;
  counts: Record<string, number>;
}> {
  const [counts] = rowsOf<{
    content: number;
    people: number;
    groups: number;
    versions: number;
  }>(
    await db.execute(sql`select (select count(*) from content)::int as content, (select count(*) from people)::int as people,
      (select count(*) from groups)::int as groups, (select count(*) from group_file_versions)::int as versions`),
  );
  const firstPageBytes = async (pages: AsyncIterable<unknown[]>) => {
    for await (const page of pages)
      return {
        bytes: Buffer.byteLength(page.map((e) => JSON.stringify(e)).join(",\n")),
        entries: page.length,
      };
    return { bytes: 0, entries: 1 };
  };
  const items = await firstPageBytes(contentPages(db));
  const persons = await firstPageBytes(peoplePages(db));
  const groupPage = await groupsExportPage(db, 0);
  const groupBytes = Buffer.byteLength(groupPage.groups.map((g) => JSON.stringify(g)).join(",\n"));
  const orgJson =
    (items.bytes / items.entries) * counts!.content + (persons.bytes / persons.entries) * counts!.people + (groupBytes / Math.max(1, groupPage.groups.length)) * counts!.groups;
  return { orgJson, counts: counts! };
}

/** The entries of the zip written (its central directory only): name, compressed and uncompressed size. */
function entriesOf(zipFile: string): Promise<{ name: string; size: number; compressed: number }[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipFile, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const out: { name: string; size: number; compressed: number }[] = [];
      zip.on("entry", (e: yauzl.Entry) => {
        out.push({
          name: e.fileName,
          size: e.uncompressedSize,
          compressed: e.compressedSize,
        });
        zip.readEntry();
      });
      zip.on("end", () => resolve(out));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

try {
  console.log(
    `D3 the full export at full size on ${url.replace(/\/\/[^@]*@/, "//")} — ${new Date().toISOString()}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(`Object store: ${store.kind}. The benchmark organisation's group files have no stored bytes: each comes out in ${MISSING_FILES_ENTRY}, not in the zip.\n`);
  const { orgJson, counts } = await estimate();
  const slowAt = Math.min(SLOW_AT_MB * MB, orgJson / COMPRESSION / 2);
  const free = statfsSync(os.tmpdir());
  const freeBytes = free.bavail * free.bsize;
  console.log(execFileSync("df", ["-h", os.tmpdir()], { encoding: "utf8" }).trim());
  console.log(
    `\n${counts.content} items, ${counts.people} people, ${counts.groups} groups, ${counts.versions} group file versions; org.json estimated from a first page of each at ${mb(orgJson)} MB uncompressed (the zip is at most that, plus the list of missing files); ${mb(freeBytes)} MB free in ${os.tmpdir()}.`,
  );
  if (freeBytes < 2 * orgJson + 1024 * MB) {
    console.log(`\nStopped: the archive may not fit in ${os.tmpdir()} (wanted twice the estimate and 1 GB to spare). Free some space or set TMPDIR.`);
    process.exit(1);
  }

  // Memory before: after the database, the store and the estimate's code are loaded, collected if we can.
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage();
  const samples: { t: number; rss: number; heap: number; heapTotal: number; bytes: number }[] = [];
  let written = 0;
  let phase: "streaming" | "paused" | "trickle" | "after" = "streaming";
  const phases: Record<string, { rss: number[]; heap: number[] }> = {
    paused: { rss: [], heap: [] },
    trickle: { rss: [], heap: [] },
  };
  const started = performance.now();
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    samples.push({
      t: performance.now() - started,
      rss: m.rss,
      heap: m.heapUsed,
      heapTotal: m.heapTotal,
      bytes: written,
    });
    if (phase === "paused" || phase === "trickle") {
      phases[phase]!.rss.push(m.rss);
      phases[phase]!.heap.push(m.heapUsed);
    }
  }, SAMPLE_MS);
  sampler.unref();

  // The consumer: counts the bytes; at SLOW_AT_MB it stops reading for PAUSE_SECONDS, then
  // takes TRICKLE_BYTES every 100 ms for PAUSE_SECONDS, then reads at full speed again.
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let trickleUntil = 0;
  const consumer = new Transform({
    highWaterMark: 64 * 1024,
    transform(chunk: Buffer, _encoding, done) {
      written += chunk.length;
      if (phase === "streaming" && written >= slowAt) {
        phase = "paused";
        void sleep(PAUSE_SECONDS * 1000).then(() => {
          phase = "trickle";
          trickleUntil = performance.now() + PAUSE_SECONDS * 1000;
          done(null, chunk);
        });
        return;
      }
      if (phase !== "trickle") return done(null, chunk);
      if (performance.now() >= trickleUntil) {
        phase = "after";
        return done(null, chunk);
      }
      void (async () => {
        for (let i = 0; i < chunk.length; i += TRICKLE_BYTES) {
          this.push(chunk.subarray(i, i + TRICKLE_BYTES));
          await sleep(100);
        }
        done();
      })();
    },
  });

  const archive = fullExportArchive(db, store);
  await pipeline(archive, consumer, createWriteStream(file));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const end = process.memoryUsage();
  samples.push({
    t: performance.now() - started,
    rss: end.rss,
    heap: end.heapUsed,
    heapTotal: end.heapTotal,
    bytes: written,
  });

  const size = statSync(file).size;
  const entries = await entriesOf(file);
  const orgEntry = entries.find((e) => e.name === ORG_FILE_ENTRY);
  const missingEntry = entries.find((e) => e.name === MISSING_FILES_ENTRY);
  const peakRss = Math.max(...samples.map((s) => s.rss));
  const peakHeap = Math.max(...samples.map((s) => s.heap));
  const growth = peakRss - start.rss;
  const range = (xs: number[]) => (xs.length ? `${mb(Math.min(...xs))}–${mb(Math.max(...xs))} MB` : "no samples");

  console.log(`\n| figure | value |\n| --- | --- |`);
  console.log(`| duration | ${seconds.toFixed(1)} s${phase === "streaming" ? " (the archive ended before the slow download began)" : ` (of which ${2 * PAUSE_SECONDS} s deliberately slow)`} |`);
  console.log(`| archive | ${mb(size)} MB, ${entries.length} entries |`);
  console.log(`| org.json | ${orgEntry ? `${mb(orgEntry.size)} MB uncompressed, ${mb(orgEntry.compressed)} MB in the zip` : "missing!"} |`);
  console.log(`| ${MISSING_FILES_ENTRY} | ${missingEntry ? `${mb(missingEntry.size)} MB uncompressed (every group file version: no stored bytes)` : "none"} |`);
  console.log(`| RSS at start | ${mb(start.rss)} MB |`);
  console.log(`| RSS peak | ${mb(peakRss)} MB |`);
  console.log(`| RSS growth (peak − start) | **${mb(growth)} MB** |`);
  console.log(`| RSS at the end | ${mb(end.rss)} MB |`);
  console.log(`| heap used: start, peak, end | ${mb(start.heapUsed)}, ${mb(peakHeap)}, ${mb(end.heapUsed)} MB |`);
  console.log(`| heap reserved (heapTotal): start, peak | ${mb(start.heapTotal)}, ${mb(Math.max(...samples.map((s) => s.heapTotal)))} MB |`);
  console.log(`| while paused (${PAUSE_SECONDS} s at ${mb(slowAt)} MB): RSS, heap used | ${range(phases.paused!.rss)}, ${range(phases.paused!.heap)} |`);
  console.log(`| while trickling (${TRICKLE_BYTES / 1024} KB every 100 ms, ${PAUSE_SECONDS} s): RSS, heap used | ${range(phases.trickle!.rss)}, ${range(phases.trickle!.heap)} |`);
  console.log(`\nTarget (memory grows by < ${TARGET_MB} MB while the full export streams): ${growth < TARGET_MB * MB ? "PASS" : "**FAIL**"} (${mb(growth)} MB).`);
  // The memory over the run, every 10 % of the samples: where it grew.
  console.log("\n| seconds | archive MB written | RSS MB | heap used MB | heap reserved MB |\n| --- | --- | --- | --- | --- |");
  for (let i = 0; i < 10; i++) {
    const s = samples[Math.floor((i / 10) * samples.length)]!;
    console.log(`| ${(s.t / 1000).toFixed(1)} | ${mb(s.bytes)} | ${mb(s.rss)} | ${mb(s.heap)} | ${mb(s.heapTotal)} |`);
  }
  const last = samples[samples.length - 1]!;
  console.log(`| ${(last.t / 1000).toFixed(1)} | ${mb(last.bytes)} | ${mb(last.rss)} | ${mb(last.heap)} | ${mb(last.heapTotal)} |`);
} finally {
  rmSync(file, { force: true });
}
process.exit(0);
