import "server-only";
/**
 * Vitest set-up file (vitest.config.ts `setupFiles`): test files share their worker's modules,
 * so before each file this forgets what recording keeps in the process between requests: the
 * previous file's unwritten page views (else written later into the next file's database) and
 * the day salts read from its database.
 */
import { beforeAll } from "vitest";

// Imported here, after the test file's own vi.mock calls have taken effect, not above them.
beforeAll(async () => {
  const [{ discardPendingViews }, { forgetSalts }] = await Promise.all([import("../record"), import("../salts")]);
  discardPendingViews();
  forgetSalts();
});
