/**
 * The server log never holds a failed query's parameters (what people typed): drizzle's
 * "params: …", the database's detail line, and quoted values are left out, whether the
 * error is summarised by the action pipeline or logged whole by Next (console.error).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db/connect";
import { createTestDatabase } from "@/db/testing";
import { installSafeErrorLogging, redactForLog, safeErrorSummary, withoutQueryParams } from "./errors";

const SECRET = "ann.private@example.org";
let conn: Connection;
let queryError: Error;

beforeAll(async () => {
  conn = await createTestDatabase();
  queryError = await conn.db.execute(sql`select ${SECRET}::uuid`).then(
    () => new Error("the query should have failed"),
    (error: Error) => error,
  );
});
afterAll(async () => conn?.close());

describe("safeErrorSummary", () => {
  it("keeps the statement and the database's error code, never the parameters or a quoted value", () => {
    expect(String(queryError.message)).toContain(SECRET); // what drizzle itself says
    const summary = safeErrorSummary(queryError);
    expect(summary).toMatch(/^Failed query: select \$1::uuid \[parameters not logged\] — database error 22P02: invalid input syntax for type uuid: "…"/);
    expect(summary).not.toContain(SECRET);
  });

  it("cuts params out of any text, and leaves other errors as they are", () => {
    expect(withoutQueryParams(`Failed query: select 1\nparams: ${SECRET}\n    at x`)).toBe("Failed query: select 1 [parameters not logged]\n    at x");
    expect(safeErrorSummary(new Error("boom"))).toBe("boom");
    expect(safeErrorSummary(new TypeError("bad"))).toBe("TypeError: bad");
  });
});

describe("what console.error prints", () => {
  it("is a safe copy of an error that holds parameters, itself or in its cause, with the same stack frames and Next's digest", () => {
    const wrapped = Object.assign(new Error("render failed", { cause: queryError }), { digest: "12345" });
    for (const error of [queryError, wrapped]) {
      const safe = redactForLog(error) as Error & { digest?: string };
      expect(safe).toBeInstanceOf(Error);
      expect(`${safe.message}\n${safe.stack}`).not.toContain(SECRET);
      expect(safe.stack).toMatch(/\n\s+at /);
    }
    expect((redactForLog(wrapped) as { digest?: string }).digest).toBe("12345");
    const plain = new Error("nothing to hide");
    expect(redactForLog(plain)).toBe(plain);
    expect(redactForLog(`x Failed query: select 1 params: ${SECRET}`)).not.toContain(SECRET);
  });

  it("goes through redactForLog once installed", () => {
    const printed: unknown[][] = [];
    const target = { error: (...args: unknown[]) => void printed.push(args), warn: (...args: unknown[]) => void printed.push(args) };
    installSafeErrorLogging(target);
    target.error("⨯", queryError);
    target.warn(`Failed query: select 1\nparams: ${SECRET}`);
    expect(printed).toHaveLength(2);
    for (const args of printed) for (const arg of args) expect(arg instanceof Error ? `${arg.message}${arg.stack}` : String(arg)).not.toContain(SECRET);
  });
});
