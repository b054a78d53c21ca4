import "server-only";
/**
 * What a server process keeps between requests, forgotten before each test file: files share
 * their worker's modules (vitest.config.ts), so without this one file would meet the object
 * store made for the previous file's data folder, its day salts or its unwritten page views.
 */
import { discardPendingViews } from "@/lib/analytics/record";
import { forgetSalts } from "@/lib/analytics/salts";
import { setObjectStoreForTests } from "@/lib/storage/current";

export function forgetProcessState(): void {
  discardPendingViews();
  forgetSalts();
  setObjectStoreForTests(undefined);
}
