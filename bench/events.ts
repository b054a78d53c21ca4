/**
 * C7: dates for the benchmark organisation's events, so `/events` and the calendar feed read
 * real months. bench/large-org.ts makes a sixth of the items events without dates; one in ten
 * of those (about 17 000 at full size, with the group events) gets a start spread evenly over
 * the year before and the year after the run, and an end two hours later: some 700 events a
 * month across the organisation, of which each benchmark person sees those their sections and
 * groups allow. Added once, to whatever organisation is there.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { rowsOf } from "../db/connect";

export async function ensureBenchEvents(db: Db, log: (s: string) => void = console.log): Promise<void> {
  const [state] = rowsOf<{ dated: boolean }>(await db.execute(sql`select exists (select 1 from content where type = 'event' and event_starts_at is not null) as dated`));
  if (state!.dated) return;
  const started = performance.now();
  // hashtext: the same events dated on every build of the same organisation, in no order of id.
  await db.execute(sql`update content
    set event_starts_at = date_trunc('hour', now()) - interval '365 days' + (abs(hashtext(id::text)::bigint) % (730 * 24)) * interval '1 hour',
        event_ends_at = date_trunc('hour', now()) - interval '365 days' + (abs(hashtext(id::text)::bigint) % (730 * 24)) * interval '1 hour' + interval '2 hours'
    where type = 'event' and abs(hashtext(id::text)::bigint % 10) = 0`);
  await db.execute(sql`analyze content`);
  log(`  event dates: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
