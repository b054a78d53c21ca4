import "server-only";
/**
 * The one server-action wrapper. Every mutation in Portico is defined with
 * `defineAction`, which, on every call and whatever page the form came from:
 *   1. re-reads the viewer from the database (a blocked or signed-out person gets nothing);
 *   2. parses the input with the action's zod schema (bad input changes nothing), and
 *      where the action asks for the current password again, checks it under the sign-in
 *      limits before any transaction (M4, lib/auth/recheck.ts);
 *   3. re-reads the viewer's webmaster role and block inside the transaction the change
 *      runs in (withLiveRights), and checks the action's policy there: a catalogue entry
 *      of lib/access/policies.ts by name, or a function with the entries it decides by
 *      named beside it, so a permission cannot be lost between the check and the write;
 *   4. runs the change and records it in the audit log (M8) in that same transaction;
 *      a refusal is recorded too. Any error rolls everything back.
 * An action that stores a file first does it between 2 and 3 (`stage`, see StageSpec),
 * after a first permission check, and undoes it when the transaction does not commit.
 */
import { headers } from "next/headers";
import type { z } from "zod";
import { type Db, getDb } from "@/db/client";
import { withLiveRights } from "@/lib/access/live-rights";
import { type PolicyName, type ResourceOf, POLICIES, type PolicyEntry, can } from "@/lib/access/policies";
import { refusalWhileViewingAs } from "@/lib/access/view-as";
import { getViewer } from "@/lib/access/viewer";
import { clientAddress } from "@/lib/auth/auth";
import { recheckPassword, recheckRefusal } from "@/lib/auth/recheck";
import { recordAudit } from "@/lib/audit/mutations";
import { isTransientConflict, safeErrorSummary } from "@/lib/errors";
import { requestAllowed } from "@/lib/security/allowlist";
import { REFUSED_BY_ALLOWLIST } from "@/lib/security/ip";
import { type ActionResult, fieldErrorsOf } from "./action-result";
import type { Viewer } from "@/lib/access/types";
import type { CommentTarget } from "@/lib/comments/schemas";

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
export const FAILED_MESSAGE = "Something went wrong and nothing was changed. Please try again.";
export const ENROL_FIRST_MESSAGE = "Set up two-factor sign-in first: your organisation requires it.";

export interface ActionContext<I> {
  viewer: Viewer;
  input: I;
  /** The transaction: every read and write of the action goes through it. */
  tx: Db;
  /** The client's address (M7, M8), as the audit row records it; null outside a request. */
  address: string | null;
  /** M4: the current password was asked for and was right (spec.recheckPassword); false when not asked, or the person has none (SSO). */
  passwordRechecked: boolean;
}

/**
 * M4: an action that asks for the person's current password again. It is checked by
 * lib/auth/recheck.ts before the transaction, under the sign-in limits, so a wrong one is
 * counted and audited even though the action changes nothing.
 */
export interface RecheckSpec<I> {
  /** The input field holding the password. */
  field: keyof I & string;
  /** Whether this call needs it (a profile save only when the mobile number changes); always by default. */
  when?: (ctx: { viewer: Viewer; input: I; db: Db }) => Promise<boolean>;
  /** The field's message for nothing typed, and for a wrong password. */
  messages?: { empty?: string; wrong?: string };
}

export interface AuditRecord {
  target?: { type: string; id: string | number } | null;
  details?: Record<string, unknown>;
}

/** The id types an input must carry, by the kind of resource a catalogue entry applies to. */
interface IdTypeOf {
  section: number;
  content: string;
  team: number;
  group: number;
  groupFile: string;
  comment: string;
  commentTarget: CommentTarget;
  wallPost: string;
}
type Catalogue = typeof POLICIES;

/**
 * The catalogue entries an action with input I may name: those about the product as a
 * whole, and those whose resource id I carries in the field the entry states (`idField`;
 * for a person, the field may be absent: oneself).
 */
export type PolicyFor<I> = {
  [P in PolicyName]: Catalogue[P] extends { resource: "none" }
    ? P
    : Catalogue[P] extends {
          resource: infer R extends keyof IdTypeOf;
          idField: infer F extends string;
        }
      ? I extends Record<F, IdTypeOf[R]>
        ? P
        : never
      : Catalogue[P] extends {
            resource: "person";
            idField: infer F extends string;
          }
        ? I extends { [K in F]?: string | null }
          ? P
          : never
        : never;
}[PolicyName];

/**
 * The escape hatch for a permission a catalogue name alone cannot decide (two entries
 * together, a resource to read first): a function, with the catalogue entries it decides
 * by named beside it, so every action still answers to the catalogue.
 */
export interface AuthorizeCheck<C> {
  policies: readonly [PolicyName, ...PolicyName[]];
  check: (ctx: C) => Promise<boolean>;
}

/** What an action's spec says about its permission, as the test over every action reads it. */
export interface DefinedAction {
  /** The audit name; null for read actions (not audited). */
  name: string | null;
  authorize: PolicyName | { function: readonly PolicyName[] };
}
const definedActions: DefinedAction[] = [];
/** Every defineAction and defineReadAction made so far (lib/access/policies.test.ts checks each). */
export function listDefinedActions(): readonly DefinedAction[] {
  return definedActions;
}

type Authorize<I, C> = PolicyFor<I> | AuthorizeCheck<C>;

function describeAuthorize(authorize: PolicyName | AuthorizeCheck<never>): DefinedAction["authorize"] {
  return typeof authorize === "string" ? authorize : { function: authorize.policies };
}

/** The resource a named catalogue entry applies to, read from the input's `idField`. */
function resourceFromInput(policy: PolicyName, input: unknown): ResourceOf<PolicyName> {
  const entry: PolicyEntry = POLICIES[policy];
  if (entry.resource === "none") return null;
  const id = (input as Record<string, unknown>)[entry.idField!];
  if (entry.resource === "person") return { kind: "person", id: typeof id === "string" ? id : null };
  return { kind: entry.resource, id } as ResourceOf<PolicyName>;
}

async function decide<C extends { viewer: Viewer; input: unknown }>(authorize: PolicyName | AuthorizeCheck<C>, ctx: C, db: Db): Promise<boolean> {
  if (typeof authorize !== "string") return authorize.check(ctx);
  return can(ctx.viewer, authorize, resourceFromInput(authorize, ctx.input), db);
}

export interface StageContext<I> {
  viewer: Viewer;
  input: I;
  db: Db;
}

/**
 * Work an action does before its transaction, because the transaction's rows must not
 * commit before it is done: storing an uploaded file (lib/storage: the object exists before
 * the row that points at it). It runs after the input is parsed and the permission checked
 * once (checked again in the transaction), so nobody without it gets anything stored. An
 * ActionError it throws is shown like run's. When the transaction does not commit, `undo`
 * is called with what `run` answered (deletes the stored file now, not at the next sweep).
 */
export interface StageSpec<I, P> {
  run: (ctx: StageContext<I>) => Promise<P>;
  undo: (staged: P) => Promise<void>;
}

export interface ActionSpec<S extends z.ZodType, T, P = undefined> {
  /** The audit log's name for the action, e.g. "section.members.add". */
  name: string;
  input: S;
  /**
   * Required: there is no default permission. A catalogue entry's name (its resource id
   * read from the input's field the entry states), or { policies, check }.
   */
  authorize: Authorize<z.output<S>, ActionContext<z.output<S>>>;
  run: (ctx: ActionContext<z.output<S>> & { staged: P }) => Promise<T>;
  /** Work done before the transaction (see StageSpec); its result reaches run as `staged`. */
  stage?: StageSpec<z.output<S>, P>;
  /** M4: the current password is asked for again (see RecheckSpec). */
  recheckPassword?: RecheckSpec<z.output<S>>;
  /** Usable by someone who must set up two-factor sign-in first (M4): only the enrolment actions. */
  beforeTwoFactor?: boolean;
  /** What the audit row says about this call; by default the target is absent and details are the input. */
  audit?: (input: z.output<S>, result: T) => AuditRecord;
  /**
   * Work done once the change has committed, with what `run` answered: deleting the stored
   * files of deleted rows (lib/storage/lifecycle.ts). A failure is logged, never the person's:
   * the change stands, and the storage sweep finishes the job.
   */
  afterCommit?: (result: T) => Promise<void>;
}

/**
 * D5: who an action is performed as when it comes through the API: the token's person, read
 * and checked by lib/api/authenticate.ts, and the token, which the audit row names.
 */
export interface ApiActor {
  viewer: Viewer;
  token: { id: string; name: string };
}

type Performer<T> = (who: ApiActor, raw: unknown) => Promise<ActionResult<T>>;
const performers = new WeakMap<object, Performer<unknown>>();

/**
 * D2 D5: a defined action performed as an API token's person: the same input schema,
 * permission check inside the transaction, run and audit row (naming the token) as from a
 * page, so the API has no second implementation of any rule.
 */
export function actAs<T>(action: (raw: unknown) => Promise<ActionResult<T>>, who: ApiActor): (raw: unknown) => Promise<ActionResult<T>> {
  const perform = performers.get(action) as Performer<T> | undefined;
  if (!perform) throw new Error("actAs: not an action made by defineAction");
  return (raw) => perform(who, raw);
}

async function requestAddress(): Promise<string | null> {
  try {
    return clientAddress(await headers());
  } catch {
    return null; // outside a request (tests, scripts)
  }
}

/** Builds the function a "use server" module exports for one action (and, for actAs, the same action as an API token's person). */
export function defineAction<S extends z.ZodType, T, P = undefined>(spec: ActionSpec<S, T, P>): (raw: unknown) => Promise<ActionResult<T>> {
  definedActions.push({
    name: spec.name,
    authorize: describeAuthorize(spec.authorize as PolicyName | AuthorizeCheck<never>),
  });
  const action = (raw: unknown) => performAction(spec, raw, null);
  performers.set(action, ((who, raw) => performAction(spec, raw, who)) as Performer<unknown>);
  return action;
}

/** One call of an action: as the session's viewer (`who` null), or as an API token's person. */
async function performAction<S extends z.ZodType, T, P>(spec: ActionSpec<S, T, P>, raw: unknown, who: ApiActor | null): Promise<ActionResult<T>> {
  if (!(await requestAllowed())) return { ok: false, formError: REFUSED_BY_ALLOWLIST };
  const viewer = who ? who.viewer : await getViewer();
  if (!viewer) return { ok: false, formError: SIGNED_OUT_MESSAGE };
  if (viewer.mustEnrolTwoFactor && !spec.beforeTwoFactor) return { ok: false, formError: ENROL_FIRST_MESSAGE };
  // B2: viewing the site as someone changes nothing, in their name or one's own.
  const viewingAs = refusalWhileViewingAs(viewer);
  if (viewingAs) return { ok: false, formError: viewingAs };

  const parsed = spec.input.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const input = parsed.data as z.output<S>;

  const db = await getDb();
  const address = await requestAddress();
  const actor = { id: viewer.id, email: viewer.email };
  // D5: a change made through the API names the token it came with (M8).
  const via = who ? { apiToken: { id: who.token.id, name: who.token.name } } : {};
  let passwordRechecked = false;
  const recheck = spec.recheckPassword;
  if (recheck && (!recheck.when || (await recheck.when({ viewer, input, db })))) {
    const password = (input as Record<string, unknown>)[recheck.field];
    const checked = await recheckPassword(db, { personId: viewer.id, password: typeof password === "string" ? password : "", address, action: spec.name });
    if (!checked.ok) return recheckRefusal(checked, recheck.field, recheck.messages);
    passwordRechecked = checked.checked;
  }
  type Outcome = { kind: "done"; data: T } | { kind: "refused" };
  const refuse = async (): Promise<ActionResult<T>> => {
    await recordAudit(db, {
      actor,
      action: `${spec.name}.refused`,
      address,
      details: { input, ...via },
    });
    return { ok: false, formError: REFUSED_MESSAGE };
  };
  const authorize = spec.authorize as PolicyName | AuthorizeCheck<ActionContext<z.output<S>>>;
  let staged = { done: false, value: undefined as P };
  let committed = false;
  try {
    if (spec.stage) {
      if (!(await decide(authorize, { viewer, input, tx: db, address, passwordRechecked }, db))) return await refuse();
      staged = { done: true, value: await spec.stage.run({ viewer, input, db }) };
    }
    const outcome = await withConflictRetries(() => db.transaction(async (tx): Promise<Outcome> => {
      // Decided on the viewer as it is now, not as the page loaded it (S4, P2).
      const live = await withLiveRights(tx as unknown as Db, viewer);
      if (!live) return { kind: "refused" };
      const ctx = { viewer: live, input, tx: tx as unknown as Db, address, passwordRechecked };
      if (!(await decide(authorize, ctx, ctx.tx))) return { kind: "refused" };
      const data = await spec.run({ ...ctx, staged: staged.value });
      const record = spec.audit ? spec.audit(input, data) : { details: { input } };
      await recordAudit(ctx.tx, {
        actor,
        action: spec.name,
        address,
        target: record.target,
        details: { ...record.details, ...via },
      });
      return { kind: "done", data };
    }), spec.name);
    committed = outcome.kind === "done";
    if (outcome.kind !== "done") return await refuse();
    if (spec.afterCommit) {
      await spec.afterCommit(outcome.data).catch((error: unknown) => console.error(`action ${spec.name}: its work after committing failed: ${safeErrorSummary(error)}`));
    }
    return { ok: true, data: outcome.data };
  } catch (error) {
    if (error instanceof ActionError) {
      return error.field ? { ok: false, fieldErrors: { [error.field]: error.message } } : { ok: false, formError: error.message };
    }
    // Never the query's parameters: they are what the person typed (lib/errors.ts).
    console.error(`action ${spec.name} failed: ${safeErrorSummary(error)}`);
    return {
      ok: false,
      formError: FAILED_MESSAGE,
    };
  } finally {
    if (spec.stage && staged.done && !committed) {
      await spec.stage.undo(staged.value).catch((error: unknown) => console.error(`action ${spec.name}: undoing its staged work failed: ${safeErrorSummary(error)}`));
    }
  }
}

/** How many times a transaction PostgreSQL gave up for another's sake is tried in all. */
export const CONFLICT_ATTEMPTS = 3;

/**
 * Runs the action's transaction again when PostgreSQL gave it up for another's (a deadlock,
 * a serialization failure: isTransientConflict): nothing of it was kept, so trying again is
 * safe, and the person's change is made rather than lost to "try again". Two people commenting
 * on one item at once met a deadlock in CI. A short, random pause first, so the two do not
 * meet again in step.
 */
async function withConflictRetries<R>(attempt: () => Promise<R>, name: string): Promise<R> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (tried >= CONFLICT_ATTEMPTS || !isTransientConflict(error)) throw error;
      console.warn(`action ${name}: tried again after ${safeErrorSummary(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * tried));
    }
  }
}

export interface ReadContext<I> {
  viewer: Viewer;
  input: I;
  db: Db;
}

export interface ReadSpec<S extends z.ZodType, T> {
  input: S;
  /** As for defineAction: a catalogue entry's name, or { policies, check }. */
  authorize: Authorize<z.output<S>, ReadContext<z.output<S>>>;
  run: (ctx: ReadContext<z.output<S>>) => Promise<T>;
}

/**
 * For server actions that only read (a form's search-as-you-type): the same viewer,
 * input and permission checks as defineAction, without a transaction or an audit row.
 */
export function defineReadAction<S extends z.ZodType, T>(spec: ReadSpec<S, T>): (raw: unknown) => Promise<ActionResult<T>> {
  definedActions.push({
    name: null,
    authorize: describeAuthorize(spec.authorize as PolicyName | AuthorizeCheck<never>),
  });
  return async (raw: unknown) => {
    if (!(await requestAllowed())) return { ok: false, formError: REFUSED_BY_ALLOWLIST };
    const viewer = await getViewer();
    if (!viewer) return { ok: false, formError: SIGNED_OUT_MESSAGE };
    if (viewer.mustEnrolTwoFactor) return { ok: false, formError: ENROL_FIRST_MESSAGE };
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    const db = await getDb();
    const live = await withLiveRights(db, viewer);
    const ctx = live && { viewer: live, input: parsed.data as z.output<S>, db };
    if (!ctx || !(await decide(spec.authorize as PolicyName | AuthorizeCheck<ReadContext<z.output<S>>>, ctx, db))) return { ok: false, formError: REFUSED_MESSAGE };
    return { ok: true, data: await spec.run(ctx) };
  };
}
