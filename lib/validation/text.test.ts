/**
 * Bad characters and numbers get clear field messages (Q3): the text and number helpers,
 * and the schemas of every form and action that takes a name, title or id, refusing a
 * NUL or other control character and an id PostgreSQL's integer cannot hold, and removing
 * bidirectional overrides (U+202E and friends) from names and titles.
 */
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { auditFilterSchema } from "@/lib/audit/schemas";
import { contentNotificationSubject } from "@/lib/mail/templates/content-notification";
import { renderMail } from "@/lib/mail/templates/layout";
import { createContentSchema, publishSchema, updateContentSchema, voteSchema } from "@/lib/content/schemas";
import { ownProfileInput, personFields, peopleListParams } from "@/lib/people/schemas";
import { addTeamSchema, createSectionSchema, removeTeamsSchema, searchSchema, updateSectionSchema } from "@/lib/sections/schemas";
import { createChildTeamInput, renameTeamInput, searchTeamCandidatesInput } from "@/lib/teams/schemas";
import { CONTROL_MESSAGE_MULTILINE, CONTROL_MESSAGE_ONE_LINE, INT_MAX, dbId, intInRange, plainText, stripBidiControls } from "./text";

const NUL = "\u0000";
const RLO = "\u202e"; // right-to-left override: "‮gnp.exe" shows as "exe.png"
const UUID = "00000000-0000-4000-8000-000000000001";

/** The first message per field, as fieldErrorsOf gives the form. */
function errorsOf(schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) out[issue.path.join(".")] ??= issue.message;
  return out;
}
function parsed<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data;
}

describe("plainText", () => {
  const name = plainText(20, { required: "Enter a name", tooLong: "Too long" });

  it("refuses NUL and every other control character, line breaks included, with one clear message", () => {
    for (const bad of [`Ann${NUL}`, "Ann\nBee", "Ann\rBee", "Ann\u001bBee", "Ann\u007f", "Ann\u0085"]) {
      expect(errorsOf(name, bad), JSON.stringify(bad)).toEqual({ "": CONTROL_MESSAGE_ONE_LINE });
    }
  });

  it("allows line breaks and tabs in text of several lines, never NUL", () => {
    const text = plainText(100, { multiline: true, tooLong: "Too long" });
    expect(parsed(text, "one\r\ntwo\tthree")).toBe("one\r\ntwo\tthree");
    expect(errorsOf(text, `one${NUL}`)).toEqual({ "": CONTROL_MESSAGE_MULTILINE });
  });

  it("removes bidirectional embeddings, overrides and isolates, and keeps the direction marks", () => {
    const controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";
    expect(stripBidiControls(`a${controls}b`)).toBe("ab");
    expect(parsed(name, ` ${RLO}gnp.exe `)).toBe("gnp.exe");
    expect(parsed(name, "Dana \u200fدانة\u200e")).toBe("Dana \u200fدانة\u200e");
    // Nothing but overrides is empty.
    expect(errorsOf(name, `${RLO}\u2066`)).toEqual({ "": "Enter a name" });
  });

  it("keeps the length and empty checks with their messages", () => {
    expect(errorsOf(name, "  ")).toEqual({ "": "Enter a name" });
    expect(errorsOf(name, "x".repeat(21))).toEqual({ "": "Too long" });
    expect(parsed(name, "  Ann  ")).toBe("Ann");
  });
});

describe("numbers", () => {
  it("dbId takes whole numbers from 1 to PostgreSQL's integer maximum, one message for anything else", () => {
    const id = dbId("Choose a team");
    expect(parsed(id, 1)).toBe(1);
    expect(parsed(id, INT_MAX)).toBe(INT_MAX);
    for (const bad of [0, -1, 1.5, INT_MAX + 1, 1e12, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Infinity, "1", null]) {
      expect(errorsOf(id, bad), String(bad)).toEqual({ "": "Choose a team" });
    }
  });

  it("intInRange takes the bounds given", () => {
    expect(parsed(intInRange(0, 10, "From 0 to 10"), 0)).toBe(0);
    expect(errorsOf(intInRange(0, 10, "From 0 to 10"), 11)).toEqual({ "": "From 0 to 10" });
  });
});

describe("the schemas of every form and action", () => {
  it("teams: names refuse control characters and lose overrides; ids stay in range (P5)", () => {
    expect(errorsOf(renameTeamInput, { teamId: 1, name: `North${NUL}` })).toEqual({ name: CONTROL_MESSAGE_ONE_LINE });
    expect(parsed(renameTeamInput, { teamId: 1, name: `${RLO}North` }).name).toBe("North");
    expect(errorsOf(renameTeamInput, { teamId: INT_MAX + 1, name: "North" })).toEqual({ teamId: "Choose a team" });
    expect(errorsOf(createChildTeamInput, { parentId: 1e12, name: "North" })).toEqual({ parentId: "Choose a team" });
    expect(errorsOf(searchTeamCandidatesInput, { teamId: 1, query: `a${NUL}` })).toEqual({ query: CONTROL_MESSAGE_ONE_LINE });
  });

  it("sections: titles and descriptions refuse NUL; ids stay in range (S1–S8)", () => {
    const details = { title: "News", description: "About\nus", slug: "news" };
    expect(errorsOf(createSectionSchema, { ...details, title: `News${NUL}`, parentId: null, restricted: false })).toEqual({ title: CONTROL_MESSAGE_ONE_LINE });
    expect(errorsOf(createSectionSchema, { ...details, description: `a${NUL}`, parentId: null, restricted: false })).toEqual({ description: CONTROL_MESSAGE_MULTILINE });
    expect(parsed(updateSectionSchema, { ...details, title: `${RLO}News`, sectionId: 1 })).toMatchObject({ title: "News", description: "About\nus" });
    expect(Object.keys(errorsOf(updateSectionSchema, { ...details, sectionId: INT_MAX + 1 }))).toEqual(["sectionId"]);
    expect(errorsOf(addTeamSchema, { sectionId: 1, teamId: 1e10, includeChildren: false, acknowledgeExternal: false })).toEqual({ teamId: "Choose a team" });
    expect(Object.keys(errorsOf(removeTeamsSchema, { sectionId: 1, teamIds: [1e10] }))).toEqual(["teamIds.0"]);
    expect(errorsOf(searchSchema, { sectionId: 1, query: `an${NUL}` })).toEqual({ query: CONTROL_MESSAGE_ONE_LINE });
  });

  it("content: titles, places and options refuse NUL; ids and versions stay in range (C1–C3)", () => {
    const item = { type: "news", title: "Hello", body: "<p>Hi</p>", sectionId: 1 };
    expect(errorsOf(createContentSchema, { ...item, title: `Hello${NUL}` })).toEqual({ title: CONTROL_MESSAGE_ONE_LINE });
    expect(parsed(createContentSchema, { ...item, title: `${RLO}Hello` }).title).toBe("Hello");
    expect(errorsOf(createContentSchema, { ...item, sectionId: 1e12 })).toEqual({ sectionId: "Choose a section." });
    const poll = { ...item, type: "poll", poll: { options: [{ label: `Yes${NUL}` }, { label: "No", id: INT_MAX + 1 }] } };
    expect(errorsOf(createContentSchema, poll)).toMatchObject({ "poll.options.0.label": CONTROL_MESSAGE_ONE_LINE, "poll.options.1.id": expect.any(String) });
    const event = { ...item, type: "event", event: { startsDate: "2027-03-14", startsTime: "09:30", place: `Hall${NUL}` } };
    expect(errorsOf(createContentSchema, event)).toEqual({ "event.place": CONTROL_MESSAGE_ONE_LINE });
    expect(Object.keys(errorsOf(updateContentSchema, { ...item, id: UUID, baseVersion: INT_MAX + 1 }))).toEqual(["baseVersion"]);
    expect(Object.keys(errorsOf(publishSchema, { id: UUID, baseVersion: 1e15, publish: true }))).toEqual(["baseVersion"]);
    expect(errorsOf(voteSchema, { id: UUID, optionId: INT_MAX + 1 })).toEqual({ optionId: "Choose an option." });
  });

  it("people: names refuse NUL and lose overrides, on the person form and one's own profile (M3, E3)", () => {
    const person = { name: "Ann Lee", email: "ann@example.org", roles: ["organisational"], mobile: "", locationId: "" };
    expect(errorsOf(personFields, { ...person, name: `Ann${NUL}Lee` })).toEqual({ name: CONTROL_MESSAGE_ONE_LINE });
    expect(parsed(personFields, { ...person, name: `${RLO}Ann Lee`, jobTitle: `${RLO}Chief` })).toMatchObject({ name: "Ann Lee", jobTitle: "Chief" });
    const own = { name: "Ann", jobTitle: "", workPhone: "", mobile: "", about: "", password: "" };
    expect(errorsOf(ownProfileInput, { ...own, name: `Ann${NUL}` })).toEqual({ name: CONTROL_MESSAGE_ONE_LINE });
    // The people table's search box is read from the address bar: control characters dropped.
    expect(parsed(peopleListParams, { q: `ann${NUL}` }).q).toBe("ann");
  });

  it("audit filters refuse control characters with a message (M8)", () => {
    expect(errorsOf(auditFilterSchema, { actor: `ann${NUL}` })).toEqual({ actor: CONTROL_MESSAGE_ONE_LINE });
  });
});

describe("e-mail subjects", () => {
  it("lose bidi overrides that a name or title stored earlier still holds", async () => {
    const subject = contentNotificationSubject({ event: "created", isDraft: false, title: `${RLO}fdp.exe`, sectionTitle: "News\u2066" });
    expect(subject).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(subject).toContain("fdp.exe");
    expect((await renderMail(`Welcome, ${RLO}Ann`, createElement("p", null, "Hello"))).subject).toBe("Welcome, Ann");
  });
});
