import "server-only";
/**
 * P3, M3, M6: the last way in, decided in one place for the person screens and the import.
 * A webmaster cannot block themselves, remove their own Webmaster role or (by import) end
 * their own account's password and sessions; and no change may leave Portico with no
 * active webmaster — one who is not blocked and whose account is authorised (can sign in),
 * since only a webmaster can unblock people or give the role back.
 */
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { people } from "@/db/schema";

export const SELF_BLOCK_MESSAGE = "You cannot block yourself: you would lose your own way in.";
export const SELF_WEBMASTER_MESSAGE = "You cannot remove your own Webmaster role. Ask another webmaster.";
export const SELF_ACCOUNT_MESSAGE =
  "An import cannot change your own e-mail address: it would end your password and your sessions. Change it on your profile page.";
export const LAST_WEBMASTER_MESSAGE =
  "This would leave Portico with no active webmaster (one who is not blocked and can sign in), and then nobody could unblock people or give the role back. Keep at least one.";

/** What decides whether a person is a way in. */
export interface WayInState {
  webmaster: boolean;
  blocked: boolean;
  /** The account can sign in (authorised_at is set); an import that changes the e-mail clears it. */
  authorised: boolean;
}

export interface WayInChange {
  id: string;
  /** null: a person the change creates. */
  before: WayInState | null;
  after: WayInState;
}

export interface WayInProblem {
  id: string;
  field: "blocked" | "roles" | "email";
  message: string;
}

export const isActiveWebmaster = (p: WayInState | null): boolean => !!p && p.webmaster && !p.blocked && p.authorised;

/** Which field takes a person's way in away (for the problem's field). */
function causeOf(before: WayInState, after: WayInState): WayInProblem["field"] {
  if (after.blocked && !before.blocked) return "blocked";
  if (before.webmaster && !after.webmaster) return "roles";
  return "email";
}

/**
 * Every problem of a set of changes made by `actorId`, given the ids of the active
 * webmasters before them. Pure: the import plans with it in memory, the person screens
 * with the state they read inside their transaction.
 */
export function wayInProblems(actorId: string, changes: readonly WayInChange[], activeWebmasters: Iterable<string>): WayInProblem[] {
  const problems: WayInProblem[] = [];
  const active = new Set(activeWebmasters);
  const lost: WayInChange[] = [];
  for (const change of changes) {
    const { id, before, after } = change;
    if (id === actorId && before) {
      if (after.blocked && !before.blocked) problems.push({ id, field: "blocked", message: SELF_BLOCK_MESSAGE });
      if (before.webmaster && !after.webmaster) problems.push({ id, field: "roles", message: SELF_WEBMASTER_MESSAGE });
      if (before.authorised && !after.authorised) problems.push({ id, field: "email", message: SELF_ACCOUNT_MESSAGE });
    }
    if (isActiveWebmaster(after)) active.add(id);
    else if (active.delete(id)) lost.push(change);
  }
  if (active.size === 0) {
    for (const { id, before, after } of lost) {
      if (!problems.some((p) => p.id === id)) problems.push({ id, field: causeOf(before!, after), message: LAST_WEBMASTER_MESSAGE });
    }
  }
  return problems;
}

/** The ids of the active webmasters, locked until the transaction ends (two concurrent changes cannot each remove "another" one). */
export async function activeWebmasterIds(tx: Db): Promise<string[]> {
  const rows = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(sql`'webmaster' = any(${people.roles})`, eq(people.blocked, false), isNotNull(people.authorisedAt)))
    .for("update");
  return rows.map((r) => r.id);
}
