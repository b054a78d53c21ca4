/**
 * D2 in `npm run bench`: the API's reads with a personal token (D5) for each benchmark person,
 * made afresh on each run (revoked ones from earlier runs stay, as they would). Target: an
 * API read at ≥ 2 × the floor page's throughput (it renders no HTML).
 */
import { inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiTokens, people } from "../db/schema";
import { newToken } from "../lib/api-tokens/token";
import type { Figures } from "./figures";

/** A read token for each of `emails`, by e-mail: the Authorization header's value. */
export async function benchApiTokens(db: Db, emails: string[]): Promise<Map<string, string>> {
  const rows = await db.select({ id: people.id, email: people.email }).from(people).where(inArray(people.email, emails));
  const headers = new Map<string, string>();
  for (const row of rows) {
    const { token, tokenHash, prefix } = newToken();
    await db.insert(apiTokens).values({ personId: row.id, name: "Benchmark", scope: "read", tokenHash, prefix, expiresAt: new Date(Date.now() + 86_400_000) });
    headers.set(row.email, `Bearer ${token}`);
  }
  return headers;
}

export function printApiTargets(results: Figures[], floor: Figures): void {
  const api = results.filter((r) => r.label.startsWith("/api/v1"));
  if (!api.length) return;
  console.log("\nD2 API reads against the floor page (target: ≥ 2 × its throughput):");
  for (const r of api) {
    const ratio = r.rps / floor.rps;
    console.log(`- ${r.label}: ${ratio.toFixed(2)} × the floor's req/s, ${r.cpuMs.toFixed(1)} ms CPU a request, ${ratio >= 2 ? "met" : "**not met**"}`);
  }
}
