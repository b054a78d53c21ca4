/** Readable version diffs of an item's history (C1): title and text, word by word. */
import { describe, expect, it } from "vitest";
import { fieldChanges, readableText, wordDiff } from "./diff";

describe("readableText", () => {
  it("keeps words and block breaks, names images, decodes entities", () => {
    const html =
      '<h2>Plan</h2><p>Fish &amp; chips<br />today</p><ul><li>one</li><li>two</li></ul><p><img src="/api/uploads/123e4567-e89b-12d3-a456-426614174000" alt="A map" /></p><table><tbody><tr><th>a</th><td>b</td></tr></tbody></table>';
    expect(readableText(html)).toBe("Plan\nFish & chips\ntoday\n• one\n• two\n[Image: A map]\n| a | b");
  });
  it("never lets markup through", () => {
    expect(readableText("<p>&lt;script&gt;x&lt;/script&gt;</p>")).toBe("<script>x</script>");
  });
});

describe("wordDiff", () => {
  it("marks inserted and deleted words", () => {
    expect(wordDiff("one two three", "one three four")).toEqual([
      { kind: "same", text: "one " },
      { kind: "removed", text: "two " },
      { kind: "same", text: "three " },
      { kind: "added", text: "four" },
    ]);
  });
});

describe("fieldChanges", () => {
  it("lists status, event and poll changes in words", () => {
    const changes = fieldChanges(
      { status: "draft", details: { event: { startsAt: "2027-01-01T10:00:00.000Z", endsAt: null, place: "A" } } },
      { status: "published", details: { event: { startsAt: "2027-01-01T11:00:00.000Z", endsAt: null, place: "B" } } },
      (iso) => iso.slice(11, 16),
    );
    expect(changes).toEqual([
      { label: "Status", before: "Draft", after: "Published" },
      { label: "Starts", before: "10:00", after: "11:00" },
      { label: "Place", before: "A", after: "B" },
    ]);
    expect(fieldChanges({ status: "draft", details: { poll: { options: ["a", "b"] } } }, { status: "draft", details: { poll: { options: ["a", "c"] } } }, String)).toEqual([
      { label: "Poll options", before: "a; b", after: "a; c" },
    ]);
  });
});
