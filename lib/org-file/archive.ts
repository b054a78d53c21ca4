/**
 * D3: an organisation file that comes as a zip (the full export, lib/export/full/archive.ts):
 * `org.json` with the files it names beside it at their paths. Unpacked entry by entry into a
 * new temporary folder, streamed (never whole in memory); the loader then reads it as a
 * folder. yauzl refuses entries whose names leave the folder (absolute, `..`) and entries
 * whose bytes do not match the sizes the archive declares.
 */
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, open, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";

export const ARCHIVE_ORG_FILE = "org.json";
export const ARCHIVE_MISSING_FILES = "missing-files.txt";

export interface UnpackedArchive {
  /** The folder the files are in; the organisation file's paths are relative to it. */
  dir: string;
  /** `org.json`'s text. */
  text: string;
  /** The export's own list of files whose bytes it could not find, when it made one. */
  missingFiles: string | null;
  /** Deletes the folder. */
  remove(): Promise<void>;
}

/** Whether the file starts as a zip does ("PK\x03\x04"), whatever its name. */
export async function isZipFile(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

export async function unpackOrgArchive(file: string): Promise<UnpackedArchive> {
  const dir = await mkdtemp(path.join(tmpdir(), "portico-org-archive-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true, autoClose: true }, (error, z) => (error ? reject(error) : resolve(z!))));
    await new Promise<void>((resolve, reject) => {
      zip.on("error", reject);
      zip.on("end", resolve);
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith("/")) return zip.readEntry(); // a folder: made with its files
        const target = path.join(dir, entry.fileName);
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(error);
          mkdir(path.dirname(target), { recursive: true })
            .then(() => pipeline(stream!, createWriteStream(target, { flags: "wx" })))
            .then(() => zip.readEntry(), reject);
        });
      });
      zip.readEntry();
    });
    let text: string;
    try {
      text = await readFile(path.join(dir, ARCHIVE_ORG_FILE), "utf8");
    } catch {
      throw new Error(`it holds no ${ARCHIVE_ORG_FILE}: is it a Portico export?`);
    }
    const missingFiles = await readFile(path.join(dir, ARCHIVE_MISSING_FILES), "utf8").catch(() => null);
    return { dir, text, missingFiles, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
