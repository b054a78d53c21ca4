/** The group forms' own rules (G1, G5), shared by the browser and the server. */
import { describe, expect, it } from "vitest";
import { createGroupInput, groupSlugFromName, requestToJoinInput, setVisibilityForm, visibilityConsequence } from "./schemas";

describe("group schemas (G1 G5 Q3)", () => {
  it("G5 a group's address is made from its name", () => {
    expect(groupSlugFromName("Café & Cake Lovers")).toBe("cafe-and-cake-lovers");
    expect(groupSlugFromName("  Book   CLUB! ")).toBe("book-club");
    expect(groupSlugFromName("!!!")).toBe("");
    expect(groupSlugFromName("x".repeat(100))).toHaveLength(60);
  });

  it("G1 a change of visibility says what it exposes or hides before it is saved", () => {
    expect(visibilityConsequence("private", "private", 3)).toBeNull();
    expect(visibilityConsequence("private", "public", 3)).toMatch(/3 published items become readable by everyone with Groups access/);
    expect(visibilityConsequence("secret", "public", 1)).toMatch(/1 published item becomes readable/);
    expect(visibilityConsequence("public", "private", 2)).toMatch(/2 published items become readable by members only/);
    expect(visibilityConsequence("private", "secret", 0)).toMatch(/disappears from the directory and search for non-members/);
    expect(visibilityConsequence("secret", "private", 0)).toMatch(/appears in the directory/);
  });

  it("G1 the visibility form asks for the confirmation; Q3 names, descriptions and messages are bounded plain text", () => {
    expect(setVisibilityForm.safeParse({ visibility: "public", confirmed: false }).success).toBe(false);
    expect(setVisibilityForm.safeParse({ visibility: "public", confirmed: true }).success).toBe(true);
    expect(createGroupInput.safeParse({ name: "A\u202Egroup", description: "", visibility: "public" })).toMatchObject({ success: true, data: { name: "Agroup" } });
    expect(createGroupInput.safeParse({ name: "Tab\there", description: "", visibility: "public" }).success).toBe(false);
    expect(requestToJoinInput.safeParse({ groupId: 1, message: "Two\nlines" }).success).toBe(true);
    expect(requestToJoinInput.safeParse({ groupId: 1, message: "m".repeat(501) }).success).toBe(false);
    expect(requestToJoinInput.safeParse({ groupId: 0, message: "" }).success).toBe(false);
  });
});
