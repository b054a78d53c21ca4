import "server-only";
/**
 * D1: page views are "recorded without slowing pages ... durable across a restart". A view
 * is kept in memory until the next batch is written to the database (./record.ts), and
 * appended at once, as one line, to this process's journal file in
 * PORTICO_DATA_DIR/analytics: one write to the operating system (no fsync: the views of a
 * process that is killed or restarted survive, a machine that loses power may lose its
 * last seconds). When a batch is written the journal it came from is deleted; a journal
 * left by a process that has gone (a crash, a restart before the batch) is written by the
 * next process that starts (./record.ts recoverJournals).
 *
 * Files are named <pid>-<random>.jsonl: a journal whose process still runs is never taken
 * by another (two instances may share one data folder).
 */
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dataDir } from "@/db/connect";

export function journalDir(): string {
  return path.join(dataDir(), "analytics");
}

interface Open {
  file: string;
  fd: number;
}

let current: Open | null = null;

function openJournal(): Open {
  mkdirSync(journalDir(), { recursive: true });
  const file = path.join(journalDir(), `${process.pid}-${randomBytes(6).toString("hex")}.jsonl`);
  return { file, fd: openSync(file, "a") };
}

/** Appends one view's line to this process's journal; a journal that cannot be written costs the view its durability, never the page. */
export function journal(line: string): void {
  try {
    current ??= openJournal();
    writeSync(current.fd, `${line}\n`);
  } catch {
    // The view stays in memory and is written with the next batch.
  }
}

/**
 * Closes the journal the buffered views were appended to and answers it (renamed so no one
 * else takes it while its batch is written); the next view starts a new one. Null when there
 * was none.
 */
export function sealJournal(): string | null {
  if (!current) return null;
  const { file, fd } = current;
  current = null;
  try {
    closeSync(fd);
    const sealed = file.replace(/\.jsonl$/, ".sealed");
    renameSync(file, sealed);
    return sealed;
  } catch {
    return null;
  }
}

export function removeJournal(file: string | null): void {
  if (file) rmSync(file, { force: true });
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Journals left by processes that have gone: each file and its lines. */
export function orphanJournals(): { file: string; lines: string[] }[] {
  let names: string[];
  try {
    names = readdirSync(journalDir());
  } catch {
    return [];
  }
  const out: { file: string; lines: string[] }[] = [];
  for (const name of names) {
    const m = /^(\d+)-[0-9a-f]+\.(jsonl|sealed)$/.exec(name);
    if (!m || isRunning(Number(m[1]))) continue;
    const file = path.join(journalDir(), name);
    try {
      out.push({ file, lines: readFileSync(file, "utf8").split("\n").filter(Boolean) });
    } catch {
      // Gone meanwhile (another process took it).
    }
  }
  return out;
}
