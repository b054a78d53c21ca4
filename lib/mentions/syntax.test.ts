import { describe, expect, it } from "vitest";
import { mentionSegments, mentionToken, mentionedIds } from "./syntax";

const ANA = "0b6f3c1e-1d2a-4c3b-9e8f-112233445566";
const BO = "aa6f3c1e-1d2a-4c3b-9e8f-112233445566";

describe("E6 mention syntax", () => {
  it("writes a token a reader can parse back, whatever the name holds", () => {
    const token = mentionToken({ id: ANA.toUpperCase(), name: "Ana ]\nBell" });
    expect(token).toBe(`@[Ana   Bell](${ANA})`);
    expect(mentionedIds(`hi ${token}`)).toEqual([ANA]);
  });

  it("lists each person once, in order, and ignores what only looks like a mention", () => {
    const text = `@[Bo](${BO}) and @[Ana](${ANA}) and @[Bo again](${BO}) but not @[x](not-an-id) or @Ana`;
    expect(mentionedIds(text)).toEqual([BO, ANA]);
  });

  it("cuts a text into runs and mentions with nothing lost", () => {
    const text = `Ask @[Ana](${ANA}), please.`;
    expect(mentionSegments(text)).toEqual([
      { kind: "text", text: "Ask " },
      { kind: "mention", name: "Ana", personId: ANA },
      { kind: "text", text: ", please." },
    ]);
    expect(mentionSegments("plain")).toEqual([{ kind: "text", text: "plain" }]);
  });
});
