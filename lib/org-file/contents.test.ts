/**
 * G7: an organisation file's group files, checked on disk before anything is stored:
 * present, a file, not empty, within PORTICO_GROUP_FILE_MAX_MB, of its name's type by its
 * first bytes — each problem by its JSON path, together with the file's other problems.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseOrgFileInFolder } from "./contents";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");
const scratch = mkdtempSync(path.join(tmpdir(), "portico-org-contents-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/** An organisation of one person and one group holding `files`. */
function orgWith(files: unknown[]): string {
  return JSON.stringify({
    people: [{ email: "kit@files.example", name: "Kit", audience: "organisational" }],
    groups: [{ slug: "g", name: "G", visibility: "public", members: [{ person: "kit@files.example", admin: true }], files }],
  });
}

describe("group files on disk (G7, ORG-FILE.md)", () => {
  it("accepts the fixture whose files are all there, of their types", async () => {
    const result = await parseOrgFileInFolder(fixture("files-org.json"), FIXTURES);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it("reports every problem of the files at once with the file's other problems, each by its JSON path", async () => {
    const result = await parseOrgFileInFolder(fixture("broken-files-org.json"), FIXTURES);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const at = (p: string) => result.problems.filter((x) => x.path === `$.groups[0].files${p}`).map((x) => x.message);
    expect(at("[0].versions[0].path")).toEqual([expect.stringMatching(/^names no file: there is nothing at .*no-such-plan\.pdf$/)]);
    expect(at("[1].versions[0].path")).toEqual([expect.stringMatching(/^is empty/)]);
    expect(at("[2].versions[0].path")).toEqual([expect.stringMatching(/does not hold a \.pdf file: its first bytes/)]);
    expect(at("[3].uploader")).toEqual([expect.stringMatching(/is not a member of the group, nor a webmaster/)]);
    expect(at("[3].versions[1].path")).toEqual(['is a .png file, but every version of "Agenda.txt" is a .txt file']);
    expect(at("[4].name")).toEqual(['"agenda.TXT" is used by files[3] too (compared ignoring case)']);
    expect(at("[4].versions[0].path")).toEqual([expect.stringMatching(/must stay inside the organisation file's folder/)]);
    expect(at("[5].name")).toEqual([expect.stringMatching(/^\.exe files cannot be held by a group; the name must end in one of: \.pdf, /)]);
    expect(result.problems).toHaveLength(8);
  });

  it("checks the files even when the rest of the file is refused, so that one pass fixes everything", async () => {
    const broken = JSON.parse(fixture("broken-files-org.json"));
    broken.people.push({ email: "not-an-email", name: "Nemo", audience: "organisational" });
    const result = await parseOrgFileInFolder(JSON.stringify(broken), FIXTURES);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual(expect.arrayContaining(["$.people[2].email", "$.groups[0].files[0].versions[0].path", "$.groups[0].files[2].versions[0].path"]));
  });

  it("refuses a file larger than PORTICO_GROUP_FILE_MAX_MB, and a folder where a file should be", async () => {
    const big = path.join(scratch, "big.pdf");
    writeFileSync(big, Buffer.concat([Buffer.from(PDF), Buffer.alloc(1024 * 1024)]));
    mkdirSync(path.join(scratch, "folder.pdf"));
    const before = process.env.PORTICO_GROUP_FILE_MAX_MB;
    process.env.PORTICO_GROUP_FILE_MAX_MB = "1";
    try {
      const result = await parseOrgFileInFolder(
        orgWith([
          { name: "Big.pdf", uploader: "kit@files.example", versions: [{ path: "big.pdf" }] },
          { name: "Folder.pdf", uploader: "kit@files.example", versions: [{ path: "folder.pdf" }] },
        ]),
        scratch,
      );
      expect(result.ok ? [] : result.problems).toEqual([
        { path: "$.groups[0].files[0].versions[0].path", message: expect.stringMatching(/^is larger than 1 MB, the largest group file \(PORTICO_GROUP_FILE_MAX_MB\)/) },
        { path: "$.groups[0].files[1].versions[0].path", message: expect.stringMatching(/^is not a file/) },
      ]);
    } finally {
      if (before === undefined) delete process.env.PORTICO_GROUP_FILE_MAX_MB;
      else process.env.PORTICO_GROUP_FILE_MAX_MB = before;
    }
  });

  it("takes paths relative to the given folder, never from a root", async () => {
    writeFileSync(path.join(scratch, "plan.pdf"), PDF);
    const relative = await parseOrgFileInFolder(orgWith([{ name: "Plan.pdf", versions: [{ path: "plan.pdf" }] }]), scratch);
    expect(relative.ok).toBe(true);
    const rooted = await parseOrgFileInFolder(orgWith([{ name: "Plan.pdf", versions: [{ path: path.join(scratch, "plan.pdf") }] }]), scratch);
    expect(rooted.ok ? [] : rooted.problems).toEqual([{ path: "$.groups[0].files[0].versions[0].path", message: expect.stringMatching(/must be relative to the organisation file's folder/) }]);
  });
});
