/**
 * The web address suggested from a title (S1 sections, G1 groups): what the new-section
 * and new-group forms fill in as the title is typed; the schemas still validate it.
 */
import { describe, expect, it } from "vitest";
import { slugSchema, slugify } from "@/lib/sections/schemas";
import { slugFrom } from "./slug";

describe("slugFrom: a web address from a title (S1 G1)", () => {
  it("lower-cases and joins words with single hyphens", () => {
    expect(slugFrom("Adult Social Care")).toBe("adult-social-care");
    expect(slugFrom("  Book   CLUB! ")).toBe("book-club");
    expect(slugFrom("Roads -- North / 2027")).toBe("roads-north-2027");
  });

  it("keeps only a–z, 0–9 and hyphens: accents dropped, & said as and, everything else a word break", () => {
    expect(slugFrom("Café & Cake Lovers")).toBe("cafe-and-cake-lovers");
    expect(slugFrom("Zürich’s “Straße” (Ωmega)")).toBe("zurich-s-stra-e-mega");
    expect(slugFrom("Année 2026: bilan_final")).toBe("annee-2026-bilan-final");
  });

  it("suggests nothing for a title with no Latin letters or digits: the person writes the address", () => {
    expect(slugFrom("日本語")).toBe("");
    expect(slugFrom("!!!")).toBe("");
    expect(slugFrom("")).toBe("");
  });

  it("stops at 60 characters without leaving a hyphen at the end", () => {
    expect(slugFrom("x".repeat(100))).toHaveLength(60);
    const cut = slugFrom(`${"a".repeat(59)} b`);
    expect(cut).toBe("a".repeat(59));
    expect(slugFrom("word ".repeat(30)).endsWith("-")).toBe(false);
  });

  it("S1 what it suggests from an ordinary title passes the section schema, which still decides", () => {
    for (const title of ["Adult Social Care", "Café & Cake Lovers", "Roads -- North / 2027", "word ".repeat(30)]) {
      expect(slugSchema.safeParse(slugify(title)).success, title).toBe(true);
    }
    // A one-letter or empty suggestion is refused by the schema with its own message.
    expect(slugSchema.safeParse(slugify("A")).success).toBe(false);
    expect(slugSchema.safeParse(slugify("日本語")).success).toBe(false);
  });
});
