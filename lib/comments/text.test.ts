/** K1 E6: links and mentions in a comment's plain text; nothing else becomes markup. */
import { describe, expect, it } from "vitest";
import { commentParts } from "./text";

const ID = "0b7c52a4-3f4e-4f7a-9d4c-2a1e5b6c7d8e";

describe("commentParts (K1 E6)", () => {
  it("finds http and https links, leaving sentence punctuation outside", () => {
    expect(commentParts("See https://example.org/a?b=1. And (http://x.org/y)!")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", href: "https://example.org/a?b=1", text: "https://example.org/a?b=1" },
      { kind: "text", text: ". And (" },
      { kind: "link", href: "http://x.org/y", text: "http://x.org/y" },
      { kind: "text", text: ")!" },
    ]);
  });

  it("never makes a link of javascript:, data: or a bare scheme", () => {
    for (const text of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "https://", "JaVaScRiPt:alert(1)//https://x.org"]) {
      expect(commentParts(text).filter((p) => p.kind === "link" && !p.href.startsWith("https://x.org"))).toEqual([]);
    }
  });

  it("E6 renders a mention as the name it was written with", () => {
    expect(commentParts(`Hi @[Ada <b>](${ID}) there`)).toEqual([
      { kind: "text", text: "Hi " },
      { kind: "mention", name: "Ada <b>", personId: ID },
      { kind: "text", text: " there" },
    ]);
  });
});
