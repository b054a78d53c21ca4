/**
 * M6: readPlainCsv must read every file exactly as csv-parse (with formats.ts's options)
 * does, or decline (null) so that csv-parse reads it. Checked on generated files: plain
 * ones it must read, and arbitrary text, which it may decline but never read differently.
 */
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readPlainCsv } from "./csv";

const csvParse = (text: string): string[][] | "error" => {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: false }) as string[][];
  } catch {
    return "error";
  }
};

const cellText = fc.stringMatching(/^[a-zé '=+@;,"\r\n-]{0,8}$/);
/** A file as a spreadsheet writes it: quoted where needed (and sometimes where not), one line end throughout. */
const plainFile = fc
  .record({
    rows: fc.array(fc.array(cellText, { minLength: 1, maxLength: 5 }), { minLength: 0, maxLength: 8 }),
    quoteAnyway: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    crlf: fc.boolean(),
    trailing: fc.boolean(),
    emptyLines: fc.array(fc.nat(8), { maxLength: 3 }),
  })
  .map(({ rows, quoteAnyway, crlf, trailing, emptyLines }) => {
    const eol = crlf ? "\r\n" : "\n";
    let k = 0;
    const lines = rows.map((cells) =>
      cells
        .map((cell) => {
          const text = cell.replace(/\r?\n|\r/g, eol); // one kind of line end, in cells too
          const quote = /[",\r\n]/.test(text) || (quoteAnyway[k++ % 40]! && text !== "") || (cells.length === 1 && text === "");
          return quote ? `"${text.replace(/"/g, '""')}"` : text;
        })
        .join(","),
    );
    for (const at of emptyLines) lines.splice(Math.min(at, lines.length), 0, "");
    return lines.join(eol) + (trailing ? eol : "");
  });

describe("readPlainCsv", () => {
  it("reads plain CSV exactly as csv-parse does", () => {
    fc.assert(
      fc.property(plainFile, (text) => {
        const mine = readPlainCsv(text);
        if (mine === null) return /(^|\n)""(\r?\n|$)/.test(text); // declined only for a line of just ""
        expect(mine).toEqual(csvParse(text));
        return true;
      }),
      { numRuns: 3000 },
    );
  });

  it("on any text, reads it as csv-parse does or declines", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a,"\r\n \uFEFF]{0,24}$/), (text) => {
        const mine = readPlainCsv(text);
        if (mine !== null) expect(mine).toEqual(csvParse(text));
      }),
      { numRuns: 20000 },
    );
  });

  it("declines what csv-parse refuses or reads its own way", () => {
    for (const text of ['a,"b', 'a,b"c', '"a"b,c', 'a\r\nb\nc', "a\rb", "\uFEFFa,b", '""\nx']) expect(readPlainCsv(text), text).toBeNull();
    expect(readPlainCsv('k,"say ""hi""\r\nthere",x\r\n\r\nl,,\r\n')).toEqual([["k", 'say "hi"\r\nthere', "x"], ["l", "", ""]]);
    expect(readPlainCsv("a,")).toEqual([["a", ""]]);
  });
});
