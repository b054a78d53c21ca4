import { describe, expect, it } from "vitest";
import { GENERIC_PROBLEM, listFieldErrors, routeFailure } from "./action-errors";

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

describe("listFieldErrors: the error summary's list (Q1 Q3)", () => {
  const error = (message: string) => ({ type: "custom", message, ref: { name: "x" } });

  it("lists every field's message by its path, nested fields dotted", () => {
    expect(listFieldErrors({ title: error("Enter a title."), event: { startsDate: error("Enter a date"), place: error("Too long") } })).toEqual([
      ["title", "Enter a title."],
      ["event.startsDate", "Enter a date"],
      ["event.place", "Too long"],
    ]);
  });

  it("lists an array's own message by the array's path, and its items' by index", () => {
    const options = Object.assign([undefined, { label: error("Each option must be different.") }], { root: error("Give at least 2 options.") });
    expect(listFieldErrors({ poll: { options } })).toEqual([
      ["poll.options.1.label", "Each option must be different."],
      ["poll.options", "Give at least 2 options."],
    ]);
  });

  it("takes a field named like an error's own keys as a field, and skips empty messages", () => {
    expect(listFieldErrors({ type: error("Choose a kind of item"), message: error("Enter a message"), body: error("") })).toEqual([
      ["type", "Choose a kind of item"],
      ["message", "Enter a message"],
    ]);
  });

  it("has nothing to list for no errors", () => {
    expect(listFieldErrors({})).toEqual([]);
    expect(listFieldErrors(undefined)).toEqual([]);
  });
});
