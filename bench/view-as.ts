/**
 * B2 in `npm run bench`: a webmaster viewing the site as the organisational benchmark person.
 * The webmaster (bench-web@example.org, the benchmark password) is added when missing; after
 * signing in, their session is set to view as that person the way "View as" sets it (only the
 * webmaster's own session row changes). The pages read this way are set beside the same pages
 * read by the person signed in: target within 10 %.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import type { Figures } from "./figures";
import { BENCH_ORG } from "./large-org";

export const BENCH_WEBMASTER = "bench-web@example.org";
export const VIEWING_AS = "viewing as organisational";

/** The benchmark webmaster, with the benchmark people's password (copied, so no hashing here). */
export async function ensureBenchWebmaster(db: Db): Promise<void> {
  await db.execute(sql`insert into people (email, name, audience, roles, password_hash, authorised_at)
    select ${BENCH_WEBMASTER}, 'Bench Webmaster', 'organisational', '{webmaster}', p.password_hash, now() from people p where p.email = ${BENCH_ORG}
    on conflict do nothing`);
}

/** Sets every open session of the benchmark webmaster to view as the organisational benchmark person. */
export async function viewAsBenchPerson(db: Db): Promise<void> {
  await db.execute(sql`update sessions set viewing_as_id = (select id from people where email = ${BENCH_ORG}), viewing_as_since = now()
    where ended_at is null and person_id = (select id from people where email = ${BENCH_WEBMASTER})`);
}

/** Each page read as the person against the same page signed in as them (target: within 10 % CPU a request and throughput). */
export function printViewAsTargets(results: Figures[]): void {
  const viewed = results.filter((r) => r.label.endsWith(`(${VIEWING_AS})`));
  if (!viewed.length) return;
  console.log("\nB2 view-as pages against the same pages signed in (target: within 10 %):");
  for (const v of viewed) {
    const own = results.find((r) => r.label === v.label.replace(`(${VIEWING_AS})`, "(organisational)"));
    if (!own) continue;
    const cpu = v.cpuMs / own.cpuMs - 1;
    const rps = v.rps / own.rps - 1;
    const met = cpu <= 0.1 && rps >= -0.1;
    console.log(
      `- ${v.label}: ${(cpu * 100).toFixed(0)} % CPU a request, ${(rps * 100).toFixed(0)} % req/s against signed in, ${met ? "met" : "**not met**"}`,
    );
  }
}
