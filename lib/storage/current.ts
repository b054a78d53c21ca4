import "server-only";
/**
 * The store this server uses, made once from its settings (./settings.ts, checked at
 * start-up by instrumentation.ts) and kept on globalThis so dev reloads reuse it.
 */
import { localStore } from "./local";
import { s3Store } from "./s3";
import { readStorageSettings } from "./settings";
import type { ObjectStore } from "./store";

const holder = globalThis as unknown as { __porticoObjectStore?: ObjectStore };

export function objectStore(): ObjectStore {
  if (!holder.__porticoObjectStore) {
    const reading = readStorageSettings();
    if (!reading.ok) throw new Error(`file storage is not configured: ${reading.message}`);
    holder.__porticoObjectStore = reading.settings.kind === "s3" ? s3Store(reading.settings) : localStore(reading.settings.dir);
  }
  return holder.__porticoObjectStore;
}

/** Lets a test run the app against a store of its own (the S3 back end, a store that fails). */
export function setObjectStoreForTests(store: ObjectStore | undefined): void {
  if (process.env.NODE_ENV !== "test") throw new Error("setObjectStoreForTests is for tests only");
  holder.__porticoObjectStore = store;
}
