import "server-only";
/**
 * The one server-action wrapper. Every mutation in Portico is defined with
 * `defineAction`, which, on every call and whatever page the form came from:
 *   1. re-reads the viewer from the database (a blocked or signed-out person gets nothing);
 *   2. parses the input with the action's zod schema (bad input changes nothing);
 *   3. checks the action's policy, inside the transaction the change runs in, so a
 *      permission cannot be lost between the check and the write;
 *   4. runs the change and records it in the audit log (M8) in that same transaction;
 *      a refusal is recorded too. Any error rolls everything back.
 */
import { headers } from "next/headers";
import type { z } from "zod";
import { type Db, getDb } from "@/db/client";
import type { Viewer } from "@/lib/access/types";
import { getViewer } from "@/lib/access/viewer";
import { clientAddress } from "@/lib/auth/auth";
import { recordAudit } from "@/lib/audit/mutations";
import { requestAllowed } from "@/lib/security/allowlist";
import { REFUSED_BY_ALLOWLIST } from "@/lib/security/ip";
import { type ActionResult, fieldErrorsOf } from "./action-result";

export type { ActionResult } from "./action-result";
export { fieldErrorsOf } from "./action-result";

/**
 * Thrown inside `run` for a problem the person can fix (a duplicate slug, a stale
 * form): the transaction rolls back and the form shows the message.
 */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const SIGNED_OUT_MESSAGE = "Your session has ended. Sign in again, then repeat what you were doing.";
export const REFUSED_MESSAGE = "You do not have permission to do this.";
export const ENROL_FIRST_MESSAGE = "Set up two-factor sign-in first: your organisation requires it.";

export interface ActionContext<I> {
  viewer: Viewer;
  input: I;
  /** The transaction: every read and write of the action goes through it. */
  tx: Db;
  /** The client's address (M7, M8), as the audit row records it; null outside a request. */
  address: string | null;
}

export interface AuditRecord {
  target?: { type: string; id: string | number } | null;
  details?: Record<string, unknown>;
}

export interface ActionSpec<S extends z.ZodType, T> {
  /** The audit log's name for the action, e.g. "section.members.add". */
  name: string;
  input: S;
  /** Required: there is no default permission. Return false to refuse. */
  authorize: (ctx: ActionContext<z.output<S>>) => Promise<boolean>;
  run: (ctx: ActionContext<z.output<S>>) => Promise<T>;
  /** Usable by someone who must set up two-factor sign-in first (M4): only the enrolment actions. */
  beforeTwoFactor?: boolean;
  /** What the audit row says about this call; by default the target is absent and details are the input. */
  audit?: (input: z.output<S>, result: T) => AuditRecord;
  /**
   * After a refusal thrown as ActionError, once its transaction has rolled back: for what
   * must outlive the refusal (a wrong password counted toward the sign-in rate limits).
   */
  afterRefusal?: (ctx: { viewer: Viewer; input: z.output<S>; db: Db; address: string | null }, error: ActionError) => Promise<void>;
}

async function requestAddress(): Promise<string | null> {
  try {
    return clientAddress(await headers());
  } catch {
    return null; // outside a request (tests, scripts)
  }
}

/** Builds the function a "use server" module exports for one action. */
export function defineAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw: unknown) => {
    if (!(await requestAllowed())) return { ok: false, formError: REFUSED_BY_ALLOWLIST };
    const viewer = await getViewer();
    if (!viewer) return { ok: false, formError: SIGNED_OUT_MESSAGE };
    if (viewer.mustEnrolTwoFactor && !spec.beforeTwoFactor) return { ok: false, formError: ENROL_FIRST_MESSAGE };

    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    const input = parsed.data as z.output<S>;

    const db = await getDb();
    const address = await requestAddress();
    const actor = { id: viewer.id, email: viewer.email };
    type Outcome = { kind: "done"; data: T } | { kind: "refused" };
    try {
      const outcome = await db.transaction(async (tx): Promise<Outcome> => {
        const ctx = { viewer, input, tx: tx as unknown as Db, address };
        if (!(await spec.authorize(ctx))) return { kind: "refused" };
        const data = await spec.run(ctx);
        const record = spec.audit ? spec.audit(input, data) : { details: { input } };
        await recordAudit(ctx.tx, { actor, action: spec.name, address, target: record.target, details: record.details });
        return { kind: "done", data };
      });
      if (outcome.kind === "done") return { ok: true, data: outcome.data };
      await recordAudit(db, { actor, action: `${spec.name}.refused`, address, details: { input } });
      return { ok: false, formError: REFUSED_MESSAGE };
    } catch (error) {
      if (error instanceof ActionError) {
        if (spec.afterRefusal) {
          try {
            await spec.afterRefusal({ viewer, input, db, address }, error);
          } catch (hookError) {
            console.error(`action ${spec.name} afterRefusal failed: ${(hookError as Error).message}`);
          }
        }
        return error.field ? { ok: false, fieldErrors: { [error.field]: error.message } } : { ok: false, formError: error.message };
      }
      console.error(`action ${spec.name} failed: ${(error as Error).message}`);
      return { ok: false, formError: "Something went wrong and nothing was changed. Please try again." };
    }
  };
}

export interface ReadSpec<S extends z.ZodType, T> {
  input: S;
  authorize: (ctx: { viewer: Viewer; input: z.output<S>; db: Db }) => Promise<boolean>;
  run: (ctx: { viewer: Viewer; input: z.output<S>; db: Db }) => Promise<T>;
}

/**
 * For server actions that only read (a form's search-as-you-type): the same viewer,
 * input and permission checks as defineAction, without a transaction or an audit row.
 */
export function defineReadAction<S extends z.ZodType, T>(spec: ReadSpec<S, T>): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw: unknown) => {
    if (!(await requestAllowed())) return { ok: false, formError: REFUSED_BY_ALLOWLIST };
    const viewer = await getViewer();
    if (!viewer) return { ok: false, formError: SIGNED_OUT_MESSAGE };
    if (viewer.mustEnrolTwoFactor) return { ok: false, formError: ENROL_FIRST_MESSAGE };
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    const ctx = { viewer, input: parsed.data as z.output<S>, db: await getDb() };
    if (!(await spec.authorize(ctx))) return { ok: false, formError: REFUSED_MESSAGE };
    return { ok: true, data: await spec.run(ctx) };
  };
}
