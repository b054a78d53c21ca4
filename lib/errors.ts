/**
 * What the server log may say about an error. Drizzle reports a failed statement as
 * "Failed query: <sql>\nparams: <values>", and the values are what people typed: names,
 * e-mail addresses, titles. The log keeps the statement (its text has placeholders, no
 * values) and the database's error code and constraint, never the parameters, nor the
 * database's detail line ("Key (email)=(…) already exists").
 *
 * installSafeErrorLogging() puts this between the whole server and its log
 * (instrumentation.ts): Next's own reports of errors in pages and route handlers pass
 * through console.error too.
 */

interface QueryError extends Error {
  query: string;
  params: unknown[];
}

function isQueryError(error: unknown): error is QueryError {
  return error instanceof Error && typeof (error as Partial<QueryError>).query === "string" && Array.isArray((error as Partial<QueryError>).params);
}

/** A database driver's error (postgres.js, PGlite): an SQLSTATE code, perhaps a constraint. */
function driverErrorSummary(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const e = error as Error & { code?: unknown; constraint?: unknown; constraint_name?: unknown };
  if (typeof e.code !== "string" || !/^[0-9A-Z]{5}$/.test(e.code)) return null;
  const constraint = e.constraint_name ?? e.constraint;
  // The message can quote a value ('invalid input syntax for type uuid: "…"'): quotes emptied.
  const message = e.message.replace(/"[^"]*"/g, '"…"').replace(/\s+/g, " ").slice(0, 300);
  return `database error ${e.code}${typeof constraint === "string" ? ` (constraint ${constraint})` : ""}: ${message}`;
}

/**
 * PostgreSQL gave the transaction up for another's sake: a deadlock (40P01) or a serialization
 * failure (40001). Nothing of it was kept, and the same work tried again in a new transaction
 * usually succeeds. drizzle wraps the driver's error as the cause of its own.
 */
export function isTransientConflict(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as Error & { code?: unknown }).code;
  if (code === "40P01" || code === "40001") return true;
  return isTransientConflict(error.cause, depth + 1);
}

const PARAMS_IN_TEXT = /(Failed query: [\s\S]*?)\s*\bparams: [^\n]*/g;
const HAS_PARAMS = /Failed query: [\s\S]*?\bparams: /;

/** A text with any "params: …" of a failed query cut out. */
export function withoutQueryParams(text: string): string {
  return text.replace(PARAMS_IN_TEXT, "$1 [parameters not logged]");
}

/** One line for the log about any error, with no query parameters in it. */
export function safeErrorSummary(error: unknown): string {
  if (isQueryError(error)) {
    const cause = driverErrorSummary(error.cause) ?? (error.cause instanceof Error ? `${error.cause.name}` : "no cause");
    return `Failed query: ${error.query.replace(/\s+/g, " ").slice(0, 500)} [parameters not logged] — ${cause}`;
  }
  const driver = driverErrorSummary(error);
  if (driver) return driver;
  if (error instanceof Error) return withoutQueryParams(`${error.name === "Error" ? "" : `${error.name}: `}${error.message}`);
  return withoutQueryParams(typeof error === "string" ? error : String(error));
}

/** Whether an error, or an error it was caused by, could print parameters or a detail line. */
function needsRedacting(error: Error, depth = 0): boolean {
  if (isQueryError(error) || driverErrorSummary(error) !== null || HAS_PARAMS.test(error.message)) return true;
  return depth < 5 && error.cause instanceof Error && needsRedacting(error.cause, depth + 1);
}

/** What to log instead of `value`: an error that could reveal parameters becomes a safe copy with the same stack frames. */
export function redactForLog(value: unknown): unknown {
  if (typeof value === "string") return withoutQueryParams(value);
  if (!(value instanceof Error) || !needsRedacting(value)) return value;
  let inner: unknown = value;
  while (inner instanceof Error && !isQueryError(inner) && driverErrorSummary(inner) === null && inner.cause instanceof Error) inner = inner.cause;
  const safe = new Error(value === inner ? safeErrorSummary(value) : `${withoutQueryParams(value.message)} — caused by ${safeErrorSummary(inner)}`);
  safe.name = value.name;
  const frames = (value.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  safe.stack = [`${safe.name}: ${safe.message}`, ...frames].join("\n");
  const digest = (value as { digest?: unknown }).digest; // Next's id of the error shown to the visitor
  if (typeof digest === "string") Object.assign(safe, { digest });
  return safe;
}

let installed = false;

/** Routes console.error and console.warn through redactForLog, once per process. */
export function installSafeErrorLogging(target: Pick<Console, "error" | "warn"> = console): void {
  if (installed && target === console) return;
  if (target === console) installed = true;
  for (const level of ["error", "warn"] as const) {
    const original = target[level].bind(target);
    target[level] = (...args: unknown[]) => original(...args.map(redactForLog));
  }
}
