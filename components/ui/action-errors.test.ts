import { describe, expect, it } from "vitest";
import { GENERIC_PROBLEM, routeFailure } from "./action-errors";

const shown = (...keys: string[]) => (key: string) => keys.includes(key);

describe("routeFailure: where a failed action's messages go", () => {
  it("puts a shown field's error beside it and leaves the summary empty", () => {
    expect(routeFailure({ ok: false, fieldErrors: { slug: "Taken" } }, shown("title", "slug"))).toEqual({ fields: [["slug", "Taken"]], summary: null });
  });

  it("says the invalid message in the summary when the form asks for one", () => {
    expect(routeFailure({ ok: false, fieldErrors: { title: "Enter a title." } }, shown("title"), "Some answers need correcting.").summary).toBe(
      "Some answers need correcting.",
    );
  });

  it("sends an error for a key with no field on screen (a hidden id, another step's field) to the summary", () => {
    const routed = routeFailure({ ok: false, fieldErrors: { teamId: "This team no longer exists.", name: "Too long" } }, shown("name"));
    expect(routed).toEqual({ fields: [["name", "Too long"]], summary: "This team no longer exists." });
  });

  it("routes nested paths by their top-level key", () => {
    expect(routeFailure({ ok: false, fieldErrors: { "event.startsDate": "Enter a date" } }, shown("event")).fields).toEqual([["event.startsDate", "Enter a date"]]);
  });

  it("keeps the form error in the summary alongside field errors", () => {
    expect(routeFailure({ ok: false, formError: "Stale form", fieldErrors: { title: "x" } }, shown("title"))).toEqual({ fields: [["title", "x"]], summary: "Stale form" });
  });

  it("never leaves a failure silent", () => {
    expect(routeFailure({ ok: false }, shown()).summary).toBe(GENERIC_PROBLEM);
  });
});
