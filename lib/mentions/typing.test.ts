/** E6: when typing opens the suggestions, and for which letters. */
import { describe, expect, it } from "vitest";
import { mentionQueryBefore } from "./typing";

describe("E6 the mention being typed", () => {
  it.each([
    ["@", ""],
    ["@ann", "ann"],
    ["Thanks @Ann", "Ann"],
    ["(@o'neil", "o'neil"],
    ["line one\n@józef", "józef"],
  ])("%j is a mention of %j", (text, query) => {
    expect(mentionQueryBefore(text)).toBe(query);
  });

  it.each(["ann@example.org", "Thanks @ann lee", "no at sign", "@@ann"])("%j is no mention being typed", (text) => {
    expect(mentionQueryBefore(text)).toBeNull();
  });
});
