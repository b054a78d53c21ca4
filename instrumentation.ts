/**
 * Runs once when a server starts: brings the database schema up to date before any
 * request, then starts the outbox worker that sends queued e-mail (lib/mail/worker.ts)
 * and, hourly, purges audit events past the retention period (lib/audit/purge.ts, M8),
 * every ten minutes deletes stored files that no row claimed (lib/storage/lifecycle.ts),
 * and, beside it, expands notification events into notifications and sends the daily
 * digests (lib/notifications, K5), and every minute reads the text of group files stored
 * before their text was read for search (lib/group-docs/text-backfill.ts, D4), and rolls up
 * page views into the day figures of the analytics (lib/analytics/rollup.ts, D1).
 */
export async function register() {
  // This exact shape lets Next drop the import from the edge bundle.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    if (process.env.NEXT_PHASE === "phase-production-build") return;
    // Nothing the server logs holds a failed query's parameters (what people typed).
    const { installSafeErrorLogging } = await import("./lib/errors");
    installSafeErrorLogging();
    // M7: a bad PORTICO_IP_ALLOWLIST stops the server before it serves anything.
    const { allowlistStartupProblem } = await import("./lib/security/ip");
    const { sessionLifetimeProblem } = await import("./lib/auth/lifetime");
    const { signInLimitsProblem } = await import("./lib/auth/limits");
    const { storageStartupProblem } = await import("./lib/storage/settings");
    const { groupFileLimitProblem } = await import("./lib/group-docs/limits");
    const { searchLanguageProblem } = await import("./db/search-language");
    const { apiRateLimitProblem } = await import("./lib/api/rate-limit");
    const { analyticsRollupProblem } = await import("./lib/analytics/rollup");
    // P3, M4: so do unreadable session lifetimes and sign-in limits (README, configuration),
    // a half-made S3 storage configuration (named, never its secret), the group file limit (G7)
    // and the search language (D4).
    const problem =
      allowlistStartupProblem(process.env) ??
      sessionLifetimeProblem(process.env) ??
      signInLimitsProblem(process.env) ??
      storageStartupProblem(process.env) ??
      groupFileLimitProblem(process.env) ??
      searchLanguageProblem(process.env) ??
      apiRateLimitProblem(process.env) ??
      analyticsRollupProblem(process.env);
    if (problem) {
      console.error(`Portico cannot start: ${problem}`);
      process.exit(1);
    }
    const { getDb } = await import("./db/client");
    await getDb();
    const { startOutboxWorker } = await import("./lib/mail/worker");
    const { PURGE_EVERY_MS, purgeAuditEvents } = await import("./lib/audit/purge");
    const { SWEEP_EVERY_MS, sweepUnclaimedObjects } = await import("./lib/storage/lifecycle");
    const { notificationJobs } = await import("./lib/notifications/jobs");
    const { TEXT_BACKFILL_EVERY_MS, startTextBackfill } = await import("./lib/group-docs/text-backfill");
    const { rollUpViews, rollupEveryMs } = await import("./lib/analytics/rollup");
    startOutboxWorker({
      getDb,
      jobs: [
        { name: "audit-purge", everyMs: PURGE_EVERY_MS, run: purgeAuditEvents },
        { name: "storage-sweep", everyMs: SWEEP_EVERY_MS, run: (db) => sweepUnclaimedObjects(db) },
        ...notificationJobs,
        { name: "group-file-text", everyMs: TEXT_BACKFILL_EVERY_MS, run: startTextBackfill },
        { name: "analytics-rollup", everyMs: rollupEveryMs(), run: (db) => rollUpViews(db) },
      ],
    });
  }
}
