/**
 * Rows and stored objects cannot drift apart (lib/storage/lifecycle.ts), on both back ends:
 * an object whose transaction rolled back is swept once the grace period has passed, a
 * committed one is kept; a claim after the sweep fails its transaction; released objects go
 * after the commit, and one the store failed to delete stays in the ledger for the sweep.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, rowsOf } from "@/db/connect";
import { unclaimedObjects } from "@/db/schema";
import { type Harness, createHarness } from "@/lib/testing/harness";
import { setObjectStoreForTests } from "./current";
import { UNCLAIMED_GRACE_MS, claimObject, deleteUnclaimed, releaseObjects, stageObject, sweepUnclaimedObjects } from "./lifecycle";
import { localStore } from "./local";
import { s3Store } from "./s3";
import type { ObjectStore } from "./store";
import { type TestS3Server, startTestS3Server } from "./testing/s3-server";

const localDir = mkdtempSync(path.join(tmpdir(), "portico-lifecycle-"));
let harness: Harness;
let db: Db;
let s3: TestS3Server;

/** A table standing in for any row that owns an object (an upload, a file version). */
async function createOwnerTable() {
  await db.execute(sql`create table test_owners (key uuid primary key)`);
}
const owners = async () => rowsOf<{ key: string }>(await db.execute(sql`select key::text from test_owners`)).map((r) => r.key);
const ledger = async () => (await db.select({ key: unclaimedObjects.key }).from(unclaimedObjects)).map((r) => r.key);
const later = () => new Date(Date.now() + UNCLAIMED_GRACE_MS + 60_000);
const body = (text: string) => new TextEncoder().encode(text);

class Rollback extends Error {}

beforeAll(async () => {
  harness = await createHarness();
  db = harness.db;
  await createOwnerTable();
  s3 = await startTestS3Server();
});
afterAll(async () => {
  setObjectStoreForTests(undefined);
  await harness?.close();
  await s3?.stop();
  rmSync(localDir, { recursive: true, force: true });
});

describe.each(["local", "s3"] as const)("on the %s back end", (kind) => {
  let store: ObjectStore;
  beforeAll(async () => {
    store = kind === "local" ? localStore(localDir) : s3Store(s3.settings);
    setObjectStoreForTests(store);
    await db.execute(sql`delete from test_owners`);
    await db.delete(unclaimedObjects);
  });

  it("sweeps a rolled-back transaction's object after the grace period and keeps a committed one", async () => {
    const rolledBack = await stageObject(db, body("rolled back"));
    const committed = await stageObject(db, body("committed"));
    expect(rolledBack.size).toBe(11);
    expect(await ledger()).toEqual(expect.arrayContaining([rolledBack.key, committed.key]));

    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into test_owners values (${rolledBack.key})`);
        await claimObject(tx, rolledBack.key);
        throw new Rollback("the action failed after storing");
      }),
    ).rejects.toThrow(Rollback);
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into test_owners values (${committed.key})`);
      await claimObject(tx, committed.key);
    });
    expect(await ledger()).toEqual([rolledBack.key]);

    // Not before the grace period: its upload may still be on its way to being claimed.
    expect(await sweepUnclaimedObjects(db)).toBe(0);
    expect(await store.get(rolledBack.key)).not.toBeNull();

    expect(await sweepUnclaimedObjects(db, later())).toBe(1);
    expect(await store.get(rolledBack.key)).toBeNull();
    expect(await ledger()).toEqual([]);
    const kept = await store.get(committed.key);
    expect(kept && (await new Response(kept.body).text())).toBe("committed");
    expect(await owners()).toEqual([committed.key]);
  });

  it("fails the transaction of a claim that comes after the sweep, so no row points at a swept object", async () => {
    const late = await stageObject(db, body("too late"));
    expect(await sweepUnclaimedObjects(db, later())).toBe(1);
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into test_owners values (${late.key})`);
        await claimObject(tx, late.key);
      }),
    ).rejects.toThrow(/swept/);
    expect(await owners()).not.toContain(late.key);
  });

  it("deletes released objects after the deleting transaction commits, and keeps them while it has not", async () => {
    const staged = await stageObject(db, body("owned"));
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into test_owners values (${staged.key})`);
      await claimObject(tx, staged.key);
    });
    // A deletion that rolls back releases nothing.
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`delete from test_owners where key = ${staged.key}`);
        await releaseObjects(tx, [staged.key]);
        throw new Rollback("changed their mind");
      }),
    ).rejects.toThrow(Rollback);
    expect(await ledger()).toEqual([]);
    expect(await sweepUnclaimedObjects(db, later())).toBe(0);
    expect(await store.get(staged.key)).not.toBeNull();

    await db.transaction(async (tx) => {
      await tx.execute(sql`delete from test_owners where key = ${staged.key}`);
      await releaseObjects(tx, [staged.key]);
    });
    expect(await ledger()).toEqual([staged.key]);
    await deleteUnclaimed(db, [staged.key]);
    expect(await store.get(staged.key)).toBeNull();
    expect(await ledger()).toEqual([]);
  });

  it("keeps a key in the ledger when its object could not be deleted, and the sweep deletes it later", async () => {
    const staged = await stageObject(db, body("stubborn"));
    await db.transaction(async (tx) => releaseObjects(tx, [staged.key]));
    setObjectStoreForTests({ ...store, delete: () => Promise.reject(new Error("the storage service is down")) });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(" "));
    try {
      await deleteUnclaimed(db, [staged.key]);
    } finally {
      console.error = original;
      setObjectStoreForTests(store);
    }
    expect(errors).toEqual([expect.stringMatching(/the sweep will retry/)]);
    expect(await ledger()).toEqual([staged.key]);
    expect(await sweepUnclaimedObjects(db, later())).toBe(1);
    expect(await store.get(staged.key)).toBeNull();
  });

  // Two app instances on one PostgreSQL server (PGlite has a single connection: nothing runs concurrently there).
  it.runIf(process.env.DATABASE_URL)("serialises a claim and a sweep of the same key on its row, whichever comes first", async () => {
    // The claim first: the sweep skips the key it holds, and after the commit the key is gone.
    const claimed = await stageObject(db, body("claimed"));
    let commitClaim!: () => void;
    const claimHeld = new Promise<void>((resolve) => (commitClaim = resolve));
    let claimDone!: () => void;
    const claimStarted = new Promise<void>((resolve) => (claimDone = resolve));
    const claim = db.transaction(async (tx) => {
      await tx.execute(sql`insert into test_owners values (${claimed.key})`);
      await claimObject(tx, claimed.key);
      claimDone();
      await claimHeld;
    });
    await claimStarted;
    expect(await sweepUnclaimedObjects(db, later())).toBe(0);
    commitClaim();
    await claim;
    expect(await store.get(claimed.key)).not.toBeNull();
    expect(await ledger()).toEqual([]);

    // The sweep first: the claim waits for it, then finds the key gone and fails.
    const swept = await stageObject(db, body("swept"));
    let releaseDelete!: () => void;
    const deleteHeld = new Promise<void>((resolve) => (releaseDelete = resolve));
    let deleting!: () => void;
    const deleteStarted = new Promise<void>((resolve) => (deleting = resolve));
    setObjectStoreForTests({
      ...store,
      delete: async (keys) => {
        deleting();
        await deleteHeld;
        return store.delete(keys);
      },
    });
    try {
      const sweep = sweepUnclaimedObjects(db, later());
      await deleteStarted;
      const lateClaim = db.transaction(async (tx) => {
        await tx.execute(sql`insert into test_owners values (${swept.key})`);
        await claimObject(tx, swept.key);
      });
      const lateOutcome = lateClaim.then(
        () => "committed",
        (error: unknown) => String(error),
      );
      await new Promise((resolve) => setTimeout(resolve, 200)); // the claim is now waiting on the row lock
      releaseDelete();
      expect(await sweep).toBe(1);
      expect(await lateOutcome).toMatch(/swept/);
    } finally {
      setObjectStoreForTests(store);
    }
    expect(await store.get(swept.key)).toBeNull();
    expect(await owners()).not.toContain(swept.key);
  });

  it("deletes at once what a failed write left, and records nothing", async () => {
    const failing = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(body("half a file"));
        controller.error(new Error("the client went away"));
      },
    });
    await expect(stageObject(db, failing)).rejects.toThrow();
    expect(await ledger()).toEqual([]);
  });
});
