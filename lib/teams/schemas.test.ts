import { describe, expect, it } from "vitest";
import { addTeamMembersFormSchema } from "./schemas";

const person = (id: string, audience: "organisational" | "external" = "organisational") => ({ id, name: "A person", email: "a@example.org", audience });
const firstMessage = (people: ReturnType<typeof person>[]) => addTeamMembersFormSchema.safeParse({ people }).error?.issues[0];

describe("the add-members form (P5) checks the action's own limits before the review", () => {
  it("asks for at least one person, on the picker's field (P5)", () => {
    expect(firstMessage([])).toMatchObject({ path: ["people"], message: "Choose at least one person to add" });
  });

  it("refuses more than the action takes at once", () => {
    const many = Array.from({ length: 101 }, (_, i) => person(`00000000-0000-4000-8000-${String(i).padStart(12, "0")}`));
    expect(firstMessage(many)).toMatchObject({ path: ["people"], message: "Add at most 100 people at a time" });
  });

  it("refuses an id that is not a person's", () => {
    expect(firstMessage([person("not-an-id")])?.message).toBe("Choose a person");
  });

  it("takes chosen people, external ones too (the review names them, S8)", () => {
    expect(addTeamMembersFormSchema.safeParse({ people: [person("00000000-0000-4000-8000-000000000001", "external")] }).success).toBe(true);
  });
});
