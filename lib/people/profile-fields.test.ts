/** A person's initials, shown in their avatar when they have no profile image (E3). */
import { describe, expect, it } from "vitest";
import { initialsOf } from "./profile-fields";

const letters = (s: string) => Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(s)).length;

describe("initialsOf: at most two letters, whatever the name (E3)", () => {
  it("takes the first letters of the first and last words, in capitals", () => {
    expect(initialsOf("Owen Price")).toBe("OP");
    expect(initialsOf("mary ann de la cruz")).toBe("MC");
    expect(initialsOf("  Sam\tMensah  ")).toBe("SM");
  });

  it("one word, however long, gives one letter", () => {
    expect(initialsOf("Cher")).toBe("C");
    expect(initialsOf("Wolfeschlegelsteinhausenbergerdorff".repeat(4))).toBe("W");
  });

  it("non-Latin names keep their own letters, each whole", () => {
    expect(initialsOf("山田 太郎")).toBe("山太");
    expect(initialsOf("山田太郎")).toBe("山");
    expect(initialsOf("Ελένη Παπαδοπούλου")).toBe("ΕΠ");
    expect(initialsOf("Анна Иванова")).toBe("АИ");
    expect(initialsOf("محمد علي")).toBe("مع");
    // A letter with its combining accent is one letter, not two.
    expect(initialsOf("E\u0301lodie Nu\u0303nez")).toBe("E\u0301N");
    // Devanagari: the first letter with its vowel sign, whole.
    expect(letters(initialsOf("स्वाति शर्मा"))).toBe(2);
  });

  it("skips punctuation and emoji to the letters, and never makes two letters of one", () => {
    expect(initialsOf("(Bob) O’Neil")).toBe("BO");
    expect(initialsOf("🌟 Star Person")).toBe("SP");
    expect(initialsOf("“Jo” — Smith")).toBe("JS");
    // "ß" would be "SS" in capitals: it stays one letter.
    expect(initialsOf("ßtefan Straße")).toBe("ßS");
  });

  it("a name with no letter at all, or none, is a question mark", () => {
    expect(initialsOf("")).toBe("?");
    expect(initialsOf("   ")).toBe("?");
    expect(initialsOf("— 🌟 —")).toBe("?");
  });

  it("is never more than two letters", () => {
    for (const name of ["A B C D E", "Jean-Luc Picard", "👨‍👩‍👧 family", "x", "Dr. Amélie-Françoise Château-Thierry III"]) {
      expect(letters(initialsOf(name)), name).toBeLessThanOrEqual(2);
    }
  });
});
