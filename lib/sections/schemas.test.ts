/**
 * The browser's section-management forms validate with the server's own rules (Q3):
 * the same id and role limits and messages, and the S8 acknowledgement.
 */
import { describe, expect, it } from "vitest";
import { S8_TICK_MESSAGE, addMembersFormSchema, addTeamFormSchema, memberActionsFormSchema, roleS8Consequence } from "./schemas";

const person = (audience: "organisational" | "external", n = 1) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  name: `Person ${n}`,
  email: `p${n}@example.org`,
  audience,
});
const errorsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("add members form (S8)", () => {
  it("needs at least one person, with the server's message", () => {
    expect(errorsOf(addMembersFormSchema.safeParse({ people: [], acknowledgeExternal: false }))).toEqual({ people: "Choose at least one person" });
  });
  it("needs the acknowledgement only when someone picked is external", () => {
    expect(addMembersFormSchema.safeParse({ people: [person("organisational")], acknowledgeExternal: false }).success).toBe(true);
    expect(errorsOf(addMembersFormSchema.safeParse({ people: [person("organisational"), person("external", 2)], acknowledgeExternal: false }))).toEqual({
      acknowledgeExternal: S8_TICK_MESSAGE,
    });
    expect(addMembersFormSchema.safeParse({ people: [person("external")], acknowledgeExternal: true }).success).toBe(true);
  });
  it("refuses more than the server takes at once", () => {
    const many = Array.from({ length: 201 }, (_, i) => person("organisational", i + 1));
    expect(errorsOf(addMembersFormSchema.safeParse({ people: many, acknowledgeExternal: false }))).toEqual({ people: "Choose at most 200 people at a time" });
  });
});

describe("add team form (S8)", () => {
  it("needs a team", () => {
    expect(errorsOf(addTeamFormSchema.safeParse({ team: null, includeChildren: false, acknowledgeExternal: false, externalMembers: null, impactFingerprint: null }))).toEqual({
      team: "Choose a team",
    });
  });
  it("needs the acknowledgement once the review has counted external people", () => {
    const base = { team: { id: 3, name: "Ops" }, includeChildren: true, acknowledgeExternal: false, impactFingerprint: "f".repeat(64) };
    expect(addTeamFormSchema.safeParse({ ...base, externalMembers: 0 }).success).toBe(true);
    expect(errorsOf(addTeamFormSchema.safeParse({ ...base, externalMembers: 2 }))).toEqual({ acknowledgeExternal: S8_TICK_MESSAGE });
    expect(addTeamFormSchema.safeParse({ ...base, externalMembers: 2, acknowledgeExternal: true }).success).toBe(true);
  });
});

describe("people table actions (S7)", () => {
  const none = { externalChosen: false, acknowledgeExternal: false };
  it("needs someone ticked and at least one known role", () => {
    expect(errorsOf(memberActionsFormSchema.safeParse({ personIds: [], action: "add-roles", roles: [], ...none }))).toEqual({
      personIds: "Choose at least one person",
      roles: "Choose at least one role",
    });
    expect(memberActionsFormSchema.safeParse({ personIds: [person("external").id], action: "add-roles", roles: ["webmaster"], ...none }).success).toBe(false);
    expect(memberActionsFormSchema.safeParse({ personIds: [person("external").id], action: "remove-roles", roles: ["editor"], ...none }).success).toBe(true);
  });

  it("S8 needs the acknowledgement only to give a role when someone ticked is external", () => {
    const base = { personIds: [person("external").id], roles: ["editor"], externalChosen: true, acknowledgeExternal: false };
    expect(errorsOf(memberActionsFormSchema.safeParse({ ...base, action: "add-roles" }))).toEqual({ acknowledgeExternal: S8_TICK_MESSAGE });
    expect(memberActionsFormSchema.safeParse({ ...base, action: "add-roles", acknowledgeExternal: true }).success).toBe(true);
    expect(memberActionsFormSchema.safeParse({ ...base, action: "remove-roles" }).success).toBe(true);
    expect(memberActionsFormSchema.safeParse({ ...base, action: "add-roles", externalChosen: false }).success).toBe(true);
  });
});

describe("what a role gives an external person (S7, S8)", () => {
  it("names the roles, the section and every section below it, and what the strongest role lets them do", () => {
    expect(roleS8Consequence(["editor"], "Care pilots")).toBe(
      "you are giving external users the role Editor in Care pilots and every section below it: there they will be able to write, edit, publish and delete everyone's content, and they will be e-mailed about content changes",
    );
    expect(roleS8Consequence(["author", "manager"], "Bids")).toContain("the roles Author and Manager in Bids and every section below it: there they will be able to manage members");
    expect(roleS8Consequence(["author"], "Bids")).toContain("write drafts for an editor or manager to publish");
  });
});
