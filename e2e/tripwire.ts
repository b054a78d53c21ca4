import { type Page, type Request } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * C6's tripwire in a real browser, shared by the XSS specs (content bodies, comments):
 * what a payload could make run — a dialog, a script error — is recorded with the page it
 * happened on (a failing run's trace holds what the server sent and the document).
 */
export interface Tripwire {
  dialogs: string[];
  errors: string[];
}

export function watch(page: Page): Tripwire {
  const wire: Tripwire = { dialogs: [], errors: [] };
  page.on("dialog", (dialog) => {
    wire.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const record = (what: string) => wire.errors.push(`${what} on ${page.url()}`);
  page.on("pageerror", (error) => record(`page error: ${error.message}`));
  page.on("console", (message) => {
    // A missing image (a well-formed upload id that does not exist) is not a script running.
    if (message.type() === "error" && !/Failed to load resource/.test(message.text())) record(`console: ${message.text()}`);
  });
  return wire;
}

/**
 * React's hydration mismatch (#418, "the server rendered HTML didn't match the client"),
 * which React recovers from by rendering the page again in the browser. Next 15.5 with
 * React 19.2 throws it now and then on a signed-in page whose payload streams in slowly,
 * the served HTML the same byte for byte (reported upstream, vercel/next.js#96371).
 * Measured here: 5 in 13 runs of the content test under load, the pointer over the page
 * or not; the whole body's HTML was parsed before any of the page's payload arrived, and
 * hydration started again 20-odd times as it came. Nothing of a payload's is hydrated (a
 * body is raw HTML, a comment is text), so it says nothing about one; a mismatch that the
 * page itself causes comes back on a second load, and that is what is checked.
 */
const RECOVERED_HYDRATION = /Minified React error #418;/;

/** Nothing ran: no `window.__xss`, no dialog, no script error, after late handlers had their chance. */
export async function expectNothingRan(page: Page, wire: Tripwire, label: string) {
  // Late handlers (onerror after a failed load, ontoggle, animations) have their chance.
  await page.waitForTimeout(250);
  if (wire.errors.length && wire.errors.every((e) => RECOVERED_HYDRATION.test(e))) {
    test.info().annotations.push({ type: "hydration mismatch, page loaded again", description: `${label}: ${wire.errors.join("; ")}` });
    wire.errors.length = 0;
    await page.reload();
    await page.waitForTimeout(250);
  }
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `${label}: window.__xss`).toBeUndefined();
  expect(wire.dialogs, `${label}: dialogs`).toEqual([]);
  expect(wire.errors, `${label}: script errors`).toEqual([]);
}

/**
 * Sends a server action's request again with other arguments, exactly as a hand-made POST
 * would: what the form's own checks would stop reaches the server.
 */
export async function replayAction(page: Page, captured: Request, args: unknown[]): Promise<string> {
  const headers = captured.headers();
  const response = await page.request.post(captured.url(), {
    headers: {
      "next-action": headers["next-action"]!,
      "next-router-state-tree": headers["next-router-state-tree"] ?? "",
      "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: new URL(captured.url()).origin,
    },
    data: JSON.stringify(args),
  });
  const text = await response.text();
  expect(response.status(), text).toBe(200);
  return text;
}
