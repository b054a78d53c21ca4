/**
 * G7 C6: the bytes an organisation file names, on disk beside it (paths relative to its own
 * folder). A group file's every version must be a readable, non-empty file within the group
 * file size limit (PORTICO_GROUP_FILE_MAX_MB) whose first bytes are what its name's type says
 * (lib/group-docs/file-types.ts, the check uploads pass); an item's image, what an image
 * upload must be (lib/uploads/image-check.ts). All of it is checked before anything is stored
 * or written; each problem names its JSON path.
 */
import { open, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { SNIFF_BYTES, checkFileType, extensionOf, kindOfName } from "../group-docs/file-types";
import { groupFileMaxBytes, groupFileMaxMegabytes } from "../group-docs/limits";
import { type ImageMime, MAX_UPLOAD_BYTES, checkImage } from "../uploads/image-check";
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
  content: z.array(z.object({ images: z.array(z.object({ path: z.string() })).optional() }).catch({})).catch([]),
});
type FileList = { groups: { files?: { name: string; versions: { path: string }[] }[] }[] };
type ImageList = { content: { images?: { path: string }[] }[] };

export function hasGroupFiles(org: FileList): boolean {
  return org.groups.some((g) => (g.files ?? []).length > 0);
}

export function hasContentImages(org: ImageList): boolean {
  return org.content.some((c) => (c.images ?? []).length > 0);
}

/** C6: one image of an item, checked: where its bytes are and what they are. */
export interface CheckedImage {
  /** Its place in the file: content[item].images[image]. */
  item: number;
  image: number;
  absolutePath: string;
  size: number;
  mimeType: ImageMime;
  width: number;
  height: number;
}

/**
 * C6: an image's bytes as an upload's are checked (lib/uploads/image-check.ts: at most 5 MB,
 * PNG, JPEG, GIF or WebP read from the bytes, never SVG, of a size that can be shown), and
 * the bytes themselves, or what is wrong. Never reads more than the limit.
 */
export async function readContentImage(relative: string, baseDir: string): Promise<{ bytes: Buffer; mimeType: ImageMime; width: number; height: number } | string> {
  const absolutePath = path.resolve(baseDir, relative);
  try {
    const info = await stat(absolutePath);
    if (!info.isFile()) return `is not a file (${absolutePath})`;
    if (info.size > MAX_UPLOAD_BYTES) return `is larger than 5 MB, the largest image rich text may hold (C6): ${absolutePath}`;
    const bytes = await readFile(absolutePath);
    const checked = checkImage(bytes);
    if (!checked.ok) return `is not an image an item may show (C6: a PNG, JPEG, GIF or WebP, known by its bytes): ${checked.message} (${absolutePath})`;
    return { bytes, mimeType: checked.mimeType, width: checked.width, height: checked.height };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? `names no file: there is nothing at ${absolutePath}` : `cannot be read (${code ?? (error as Error).message}): ${absolutePath}`;
  }
}

/**
 * Checks every item's images, a few at a time (each is read whole: at most 5 MB). Paths the
 * schema refuses (outside the folder) are left to its own problems.
 */
export async function checkContentImageContents(org: ImageList, baseDir: string): Promise<{ problems: Problem[]; images: CheckedImage[] }> {
  const jobs = org.content.flatMap((c, item) => (c.images ?? []).flatMap((m, image) => (versionPathProblem(m.path) !== null ? [] : [{ item, image, path: m.path }])));
  const answers = await mapBounded(jobs, 4, async (job) => {
    const answer = await readContentImage(job.path, baseDir);
    return typeof answer === "string" ? answer : { size: answer.bytes.length, mimeType: answer.mimeType, width: answer.width, height: answer.height };
  });
  const problems: Problem[] = [];
  const images: CheckedImage[] = [];
  jobs.forEach(({ item, image, path: relative }, i) => {
    const answer = answers[i]!;
    if (typeof answer === "string") problems.push({ path: jsonPath(["content", item, "images", image, "path"]), message: answer });
    else images.push({ item, image, absolutePath: path.resolve(baseDir, relative), ...answer });
  });
  return { problems, images };
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
 * its group files' and items' images' bytes in `baseDir` (the file's own folder), every problem together, so
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
  const files = loose.success ? (await checkGroupFileContents(loose.data, baseDir)).problems : [];
  const images = loose.success ? (await checkContentImageContents(loose.data, baseDir)).problems : [];
  const contents = [...files, ...images];
  if (parsed.ok) return contents.length ? { ok: false, problems: contents } : parsed;
  return { ok: false, problems: [...parsed.problems, ...contents] };
}
