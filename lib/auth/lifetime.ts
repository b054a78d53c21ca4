/**
 * How long a session lasts (P3): at most PORTICO_SESSION_MAX_HOURS from its sign-in
 * (default 12), and it ends after PORTICO_SESSION_IDLE_MINUTES without a request (default
 * 120). Checked on every request: by loadViewer (both, lib/access/viewer.ts), by the
 * Auth.js jwt callback (the maximum: an older cookie is never re-issued, it is cleared)
 * and by middleware (the maximum, from the cookie alone). No Node or database imports:
 * middleware shares this file.
 *
 * Activity is the person's last access (people.last_access_at, P4), which loadViewer
 * writes at most every few minutes, so the idle timeout is exact to within that.
 */
import { readWholeNumber } from "@/lib/env-number";

type Env = Record<string, string | undefined>;

export const DEFAULT_SESSION_MAX_HOURS = 12;
export const DEFAULT_SESSION_IDLE_MINUTES = 120;
/** A month: beyond it a "session" is no longer one. */
const MAX_SESSION_HOURS_ALLOWED = 24 * 31;

export interface SessionLifetime {
  maxMs: number;
  idleMs: number;
}

function readings(env: Env) {
  const hours = readWholeNumber(env, "PORTICO_SESSION_MAX_HOURS", DEFAULT_SESSION_MAX_HOURS, MAX_SESSION_HOURS_ALLOWED);
  const minutes = readWholeNumber(env, "PORTICO_SESSION_IDLE_MINUTES", DEFAULT_SESSION_IDLE_MINUTES, MAX_SESSION_HOURS_ALLOWED * 60);
  return { hours, minutes };
}

/** Why the server must not start with these settings (instrumentation.ts), or null. */
export function sessionLifetimeProblem(env: Env = process.env): string | null {
  const { hours, minutes } = readings(env);
  return [hours, minutes].flatMap((r) => (r.ok ? [] : [r.message])).join(" ") || null;
}

/**
 * The configured lifetime. A setting that cannot be read stops start-up
 * (sessionLifetimeProblem); were it read anyway, the defaults apply, never no limit.
 */
export function sessionLifetime(env: Env = process.env): SessionLifetime {
  const { hours, minutes } = readings(env);
  return {
    maxMs: (hours.ok ? hours.value : DEFAULT_SESSION_MAX_HOURS) * 3_600_000,
    idleMs: (minutes.ok ? minutes.value : DEFAULT_SESSION_IDLE_MINUTES) * 60_000,
  };
}

/**
 * Whether a session signed in at `signedInAt` (ms) is past the maximum. A session without
 * a sign-in time (a cookie we did not make) is past it.
 */
export function pastMaximum(signedInAt: number | undefined | null, now: number = Date.now(), lifetime: SessionLifetime = sessionLifetime()): boolean {
  if (typeof signedInAt !== "number" || !Number.isFinite(signedInAt) || signedInAt <= 0) return true;
  return now - signedInAt >= lifetime.maxMs;
}

/**
 * Why a session has ended by time, or null: "maximum" past the absolute lifetime, "idle"
 * with no activity for the idle timeout (activity: the last access, or the sign-in when later).
 */
export function sessionTimedOut(
  session: { signedInAt: number; lastAccessAt: Date | null },
  now: Date,
  lifetime: SessionLifetime = sessionLifetime(),
): "maximum" | "idle" | null {
  if (pastMaximum(session.signedInAt, now.getTime(), lifetime)) return "maximum";
  const lastActive = Math.max(session.signedInAt, session.lastAccessAt?.getTime() ?? 0);
  return now.getTime() - lastActive >= lifetime.idleMs ? "idle" : null;
}

/** How often last access is written (P4): every five minutes, or more often for a short idle timeout. */
export function lastAccessGranularityMs(lifetime: SessionLifetime = sessionLifetime()): number {
  return Math.min(5 * 60_000, Math.floor(lifetime.idleMs / 4));
}
