import "server-only";
/**
 * What the property tests against the reference model (lib/access/model.test.ts for the
 * pages' queries, lib/api/model.test.ts for the API) share: a disagreement names the surface,
 * what the model expected, what was answered, whose view it was and the organisation, so a
 * failure can be read (and replayed with FC_SEED) without a debugger.
 */

/** An answer that is not the model's. */
export class Disagreement extends Error {}

/** `fail` and `same` for one person's checks in one organisation. */
export function modelChecks(whose: string, org: unknown) {
  const fail = (surface: string, expected: unknown, actual: unknown): never => {
    throw new Disagreement(
      [`${surface} disagrees with the model for ${whose}`, `  expected: ${JSON.stringify(expected)}`, `  actual:   ${JSON.stringify(actual)}`, `  organisation: ${JSON.stringify(org)}`].join(
        "\n",
      ),
    );
  };
  const same = (surface: string, expected: unknown, actual: unknown) => {
    if (JSON.stringify(expected) !== JSON.stringify(actual)) fail(surface, expected, actual);
  };
  return { fail, same };
}

/**
 * Runs checks side by side (PostgreSQL serves them on several connections; PGlite queues
 * them), but waits for all of them before reporting the first failure in their order, so
 * that nothing is still reading when the next organisation is loaded.
 */
export async function allChecks(checks: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(checks)).find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}
