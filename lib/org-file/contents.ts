/**
 * G7: the bytes of an organisation file's group files, on disk beside it. Every version's
 * `path` (relative to the organisation file's own folder) must name a readable, non-empty
 * file within the group file size limit (PORTICO_GROUP_FILE_MAX_MB) whose first bytes are
 * what its name's type says (lib/group-docs/file-types.ts, the check uploads pass). All of it
 * is checked before anything is stored or written; each problem names its JSON path.
 */
import { open, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { SNIFF_BYTES, checkFileType, extensionOf, kindOfName } from "../group-docs/file-types";
import { groupFileMaxBytes, groupFileMaxMegabytes } from "../group-docs/limits";
import { mapBounded } from "./bounded";
import { type ParseResult, type Problem, jsonPath, parseOrgFileText, versionPathProblem } from "./schema";

/** One version's bytes, checked: where they are and what they are. */
export interface CheckedVersion {
  group: number;
  file: number;
  version: number;
  absolutePath: string;
  size: number;
  mimeType: string;
}

/** A file refused for what its group files hold on disk (or for shape problems, reported with them). */
export class OrgFileRefusedError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`The organisation file was refused: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
    this.name = "OrgFileRefusedError";
  }
}

/** Just what the contents check reads; anything else about the file is the schema's to judge. */
const filesOnly = z.object({
  groups: z
    .array(z.object({ files: z.array(z.object({ name: z.string(), versions: z.array(z.object({ path: z.string() })) })).optional() }).catch({}))
    .catch([]),
});
type FileList = { groups: { files?: { name: string; versions: { path: string }[] }[] }[] };

export function hasGroupFiles(org: FileList): boolean {
  return org.groups.some((g) => (g.files ?? []).length > 0);
}

async function checkVersion(name: string, relative: string, baseDir: string): Promise<{ size: number; mimeType: string } | string> {
  const absolutePath = path.resolve(baseDir, relative);
  let size: number;
  try {
    const info = await stat(absolutePath);
    if (!info.isFile()) return `is not a file (${absolutePath})`;
    size = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? `names no file: there is nothing at ${absolutePath}` : `cannot be read (${code ?? (error as Error).message}): ${absolutePath}`;
  }
  if (size === 0) return `is empty (${absolutePath})`;
  if (size > groupFileMaxBytes()) return `is larger than ${groupFileMaxMegabytes()} MB, the largest group file (PORTICO_GROUP_FILE_MAX_MB): ${absolutePath}`;
  const head = new Uint8Array(Math.min(size, SNIFF_BYTES));
  try {
    const handle = await open(absolutePath, "r");
    try {
      await handle.read(head, 0, head.length, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): ${absolutePath}`;
  }
  const checked = checkFileType(name, head);
  if (!checked.ok) return `does not hold a .${extensionOf(name)} file: its first bytes are not what one starts with (G7: a file's type is confirmed from its bytes): ${absolutePath}`;
  return { size, mimeType: checked.mimeType };
}

/**
 * Checks every version's bytes, a few files at a time. Versions whose name or path the
 * schema refuses (no known type, outside the folder) are left to the schema's own problems.
 */
export async function checkGroupFileContents(org: FileList, baseDir: string): Promise<{ problems: Problem[]; versions: CheckedVersion[] }> {
  const jobs = org.groups.flatMap((g, group) =>
    (g.files ?? []).flatMap((f, file) =>
      f.versions.flatMap((v, version) =>
        kindOfName(f.name) === null || versionPathProblem(v.path) !== null || extensionOf(v.path) !== extensionOf(f.name) ? [] : [{ group, file, version, name: f.name, path: v.path }],
      ),
    ),
  );
  const answers = await mapBounded(jobs, 16, (job) => checkVersion(job.name, job.path, baseDir));
  const problems: Problem[] = [];
  const versions: CheckedVersion[] = [];
  jobs.forEach(({ group, file, version, path: relative }, i) => {
    const answer = answers[i]!;
    if (typeof answer === "string") problems.push({ path: jsonPath(["groups", group, "files", file, "versions", version, "path"]), message: answer });
    else versions.push({ group, file, version, absolutePath: path.resolve(baseDir, relative), ...answer });
  });
  return { problems, versions };
}

/**
 * An organisation file's text, checked whole: its shape and references (./schema.ts) and
 * its group files' bytes in `baseDir` (the file's own folder), every problem together, so
 * that one pass fixes them all. The bytes are checked even when the shape is refused,
 * wherever the file's groups can still be read.
 */
export async function parseOrgFileInFolder(text: string, baseDir: string): Promise<ParseResult> {
  const parsed = parseOrgFileText(text);
  let data: unknown;
  try {
    data = parsed.ok ? parsed.org : JSON.parse(text);
  } catch {
    return parsed;
  }
  const loose = filesOnly.safeParse(data);
  const contents = loose.success ? await checkGroupFileContents(loose.data, baseDir) : { problems: [] };
  if (parsed.ok) return contents.problems.length ? { ok: false, problems: contents.problems } : parsed;
  return { ok: false, problems: [...parsed.problems, ...contents.problems] };
}
