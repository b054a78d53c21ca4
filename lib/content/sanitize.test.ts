/**
 * C6: the sanitiser keeps only the safe subset. Every payload of the XSS corpus is run
 * through it, and the output, parsed again, may hold only allowed elements and
 * attributes, links only to http, https, mailto or this site, images only from our
 * upload route. (e2e/xss.spec.ts renders the same corpus in Chromium.)
 */
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { plainText, sanitizeRichText, uploadIdsIn } from "./sanitize";
import { XSS_PAYLOADS } from "./testing/xss-payloads";

const ALLOWED: Record<string, string[]> = {
  h2: [], h3: [], h4: [], p: [], br: [], hr: [], blockquote: [],
  ul: [], ol: ["start"], li: [],
  strong: [], b: [], em: [], i: [], u: [], s: [],
  a: ["href", "title", "rel"],
  table: [], caption: [], thead: [], tbody: [], tfoot: [], tr: [], th: ["scope", "colspan", "rowspan"], td: ["colspan", "rowspan"],
  img: ["src", "alt", "width", "height"],
};

function problemsIn(html: string): string[] {
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const allowed = ALLOWED[name];
        if (!allowed) problems.push(`element <${name}>`);
        for (const [attr, value] of Object.entries(attribs)) {
          if (!allowed?.includes(attr)) problems.push(`attribute ${attr} on <${name}>`);
          // Relative links stay on this site; any scheme must be http, https or mailto, never protocol-relative.
          if (attr === "href" && (value.startsWith("//") || (/^\s*[a-z][a-z0-9+.-]*:/i.test(value) && !/^(https?|mailto):/i.test(value)))) {
            problems.push(`href ${value}`);
          }
          if (attr === "src" && !/^\/api\/uploads\/[0-9a-f-]{36}$/.test(value)) problems.push(`src ${value}`);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return problems;
}

describe("the XSS corpus through the sanitiser (C6)", () => {
  it("has at least 50 payloads", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
  });
  it.each(XSS_PAYLOADS.map((p) => [p.name, p.html] as const))("%s", (_name, html) => {
    const once = sanitizeRichText(html);
    expect(problemsIn(once)).toEqual([]);
    // Left-over payload text is harmless as text; it must not survive in any attribute.
    for (const value of [...once.matchAll(/=\s*"([^"]*)"/g)].map((m) => m[1]!)) expect(value).not.toMatch(/javascript|vbscript|data:|__xss|alert\(/i);
    // Sanitising is stable: rendering what was saved changes nothing more.
    expect(sanitizeRichText(once)).toBe(once);
  });
});

describe("the allowed subset survives", () => {
  it("keeps headings, lists, links, emphasis, tables and our images", () => {
    const html =
      '<h2>A</h2><h3>B</h3><h4>C</h4><p><strong>b</strong> <em>i</em> <u>u</u> <s>s</s><br /></p><ul><li>x</li></ul><ol start="3"><li>y</li></ol>' +
      '<blockquote><p>q</p></blockquote><hr /><p><a href="https://example.org/a?b=c" rel="noopener noreferrer nofollow">w</a> <a href="mailto:a@example.org" rel="noopener noreferrer nofollow">m</a></p>' +
      '<table><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">d</td></tr></tbody></table>' +
      '<img src="/api/uploads/123e4567-e89b-42d3-a456-426614174000" alt="map" />';
    expect(sanitizeRichText(html)).toBe(html);
  });
  it("turns h1 into h2 and forces safe rel on links", () => {
    expect(sanitizeRichText('<h1>T</h1><a href="https://x.example" rel="opener" target="_blank">x</a>')).toBe(
      '<h2>T</h2><a href="https://x.example" rel="noopener noreferrer nofollow">x</a>',
    );
  });
  it("keeps only the images the saver may use, and lists them", () => {
    const a = "123e4567-e89b-42d3-a456-426614174000";
    const b = "223e4567-e89b-42d3-a456-426614174000";
    const html = `<p><img src="/api/uploads/${a}" alt="a" /><img src="/api/uploads/${b}" alt="b" /></p>`;
    expect(uploadIdsIn(html)).toEqual([a, b]);
    expect(sanitizeRichText(html, { keepUpload: (id) => id === a })).toBe(`<p><img src="/api/uploads/${a}" alt="a" /></p>`);
    expect(sanitizeRichText('<img src="https://example.org/x.png" alt="x">')).toBe("");
  });
});

describe("plainText (listing excerpts and e-mails)", () => {
  it("drops tags, decodes entities and keeps words at block ends apart", () => {
    expect(plainText("<h2>Opening&nbsp;hours</h2><p>Mon&ndash;Fri, 9&amp;5 &lt;not a tag&gt; &quot;ok&quot; &#39;yes&#39;</p>")).toBe(
      "Opening hours Mon–Fri, 9&5 <not a tag> \"ok\" 'yes'",
    );
    expect(plainText("<ul><li>one</li><li>two</li></ul><p>three<br>four</p>")).toBe("one two three four");
    expect(plainText("<p>  spaced \n\t out  </p>")).toBe("spaced out");
    expect(plainText("<p>a <strong>b</strong><em>c</em></p>")).toBe("a bc");
  });

  it("never shows script, style or form text as text", () => {
    expect(plainText("<p>before</p><script>alert('x')</script><style>p{}</style><textarea>t</textarea><p>after</p>")).toBe("before after");
  });

  it("shows text that looks like markup only as text, and survives broken markup", () => {
    expect(plainText("&lt;script&gt;alert(1)&lt;/script&gt;")).toBe("<script>alert(1)</script>");
    expect(plainText("<p>unclosed <b>bold")).toBe("unclosed bold");
    expect(plainText("")).toBe("");
  });

  it("cuts at the limit with an ellipsis, and not before", () => {
    const long = `<p>${"word ".repeat(100)}</p>`;
    const cut = plainText(long, 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.endsWith("…")).toBe(true);
    expect(plainText("<p>exactly ten</p>", 11)).toBe("exactly ten");
  });
});
