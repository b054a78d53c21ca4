/**
 * Loads an organisation file into the database in one transaction: all of it or,
 * on any error, nothing. Inserts are set-based and chunked so that thousands of people
 * load in seconds; only password hashing (argon2id) costs per person.
 *
 * Group files (G7), profile images (E3) and items' images (C6) take the uploads' one path
 * (lib/storage/lifecycle.ts): the bytes are checked (./contents.ts), then stored before the
 * transaction (`stageObject`: recorded as unclaimed first), and the transaction writes their
 * rows and claims them. A load that fails deletes what it stored at once; were that to fail
 * too, the sweep does.
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { type Db, rowsOf } from "../../db/connect";
import * as schema from "../../db/schema";
import { rebuildSectionClosure, rebuildTeamClosure } from "../../db/trees";
import { hashPassword } from "../auth/password";
import { sanitizeRichText } from "../content/sanitize";
import { encodeProfileImage } from "../people/profile-image-encode";
import { extractStoredText } from "../group-docs/extract-text";
import { extensionOf } from "../group-docs/file-types";
import { claimObject, deleteUnclaimed, stageObject } from "../storage/lifecycle";
import { mapBounded } from "./bounded";
import type { ImageMime } from "../uploads/image-check";
import { type CheckedVersion, OrgFileRefusedError, checkContentImageContents, checkGroupFileContents, hasContentImages, hasGroupFiles, readContentImage } from "./contents";
import { type OrgFile, type Problem, jsonPath, uploadReference, versionPathProblem } from "./schema";

export class DatabaseNotEmptyError extends Error {
  constructor() {
    super("The database already holds an organisation. Nothing was loaded. Use --reset to replace it (this deletes everything in it).");
    this.name = "DatabaseNotEmptyError";
  }
}

export interface LoadSummary {
  teams: number;
  locations: number;
  people: number;
  sections: number;
  content: number;
  groups: number;
  /** Group files (G7), each with its versions. */
  files: number;
  /** C6: images inside items' rich text. */
  images: number;
  /** G4: ideas, wall posts and queries. */
  ideas: number;
  wallPosts: number;
  queries: number;
}

export const DEFAULT_EXTERNAL_ACCESS = {
  groups: false,
  ideas: false,
  messageWall: false,
  queries: false,
  users: false,
  teams: false,
  locations: false,
} as const;

/** Every table that holds an organisation's data, for the emptiness check and --reset. */
const ORGANISATION_TABLES: PgTable[] = [
  schema.pollVotes,
  schema.pollOptions,
  schema.contentShares,
  schema.content,
  schema.groupFileVersions,
  schema.groupFiles,
  schema.groupInvitations,
  schema.groupJoinRequests,
  schema.groupMembers,
  schema.groups,
  schema.sectionRoles,
  schema.sectionMemberTeams,
  schema.sectionMemberPeople,
  schema.sectionClosure,
  schema.sections,
  schema.teamMembers,
  schema.teamClosure,
  schema.teams,
  schema.signInAttempts,
  schema.people,
  schema.locations,
  schema.settings,
];

const CHUNK = 1000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

async function insertReturningChunked<T, R>(rows: T[], insert: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(...(await insert(rows.slice(i, i + CHUNK))));
  return out;
}

export async function isDatabaseEmpty(db: Pick<Db, "execute">): Promise<boolean> {
  const checks = [schema.people, schema.teams, schema.sections, schema.content, schema.groups, schema.locations].map(
    (table) => sql`exists (select 1 from ${table})`,
  );
  const result = await db.execute(sql`select (${sql.join(checks, sql` or `)}) as "any"`);
  return !rowsOf<{ any: boolean }>(result)[0]?.any;
}

/** Orders tree entries so that every parent comes before its children, returning depth groups. */
function byDepth<T>(entries: T[], keyOf: (e: T) => string, parentOf: (e: T) => string | null): T[][] {
  const byKey = new Map(entries.map((e) => [keyOf(e), e]));
  const depth = new Map<string, number>();
  const depthOf = (e: T): number => {
    const k = keyOf(e);
    const known = depth.get(k);
    if (known !== undefined) return known;
    const parent = parentOf(e);
    const d = parent === null ? 0 : depthOf(byKey.get(parent)!) + 1;
    depth.set(k, d);
    return d;
  };
  const levels: T[][] = [];
  for (const e of entries) (levels[depthOf(e)] ??= []).push(e);
  return levels;
}

/** Hashing runs on libuv's thread pool; a bounded number in flight keeps memory steady. */
function hashAll(passwords: (string | undefined)[]): Promise<(string | null)[]> {
  return mapBounded(passwords, 8, async (p) => (p === undefined ? null : hashPassword(p)));
}

/**
 * Every version's bytes checked, or the refusal naming each problem by its JSON path.
 * `baseDir` is the folder the versions' paths are relative to (the organisation file's own).
 */
async function checkedContents(org: OrgFile, baseDir: string | undefined): Promise<CheckedVersion[]> {
  if (!hasGroupFiles(org)) return [];
  if (baseDir === undefined) throw new Error("This organisation has group files: loading it needs the folder their paths are relative to (baseDir).");
  const { problems, versions } = await checkGroupFileContents(org, baseDir);
  if (problems.length) throw new OrgFileRefusedError(problems);
  return versions;
}

/** D4 G7: the text of each file's newest version (lib/group-docs/extract-text.ts, bounded as for uploads), by "group/file" index. */
async function newestVersionTexts(versions: CheckedVersion[], keys: string[]): Promise<Map<string, string | null>> {
  const newest = new Map<string, { version: CheckedVersion; key: string }>();
  versions.forEach((version, i) => {
    const at = `${version.group}/${version.file}`;
    const seen = newest.get(at);
    if (!seen || seen.version.version < version.version) newest.set(at, { version, key: keys[i]! });
  });
  const texts = new Map<string, string | null>();
  for (const [at, { version, key }] of newest) texts.set(at, await extractStoredText(key, version.size, extensionOf(version.absolutePath)));
  return texts;
}

/** Stores every version's bytes, unclaimed until the load's transaction claims them; on a failure, deletes what it stored. */
async function stageContents(db: Db, versions: CheckedVersion[]): Promise<string[]> {
  const keys: string[] = [];
  try {
    for (const v of versions) keys.push((await stageObject(db, createReadStream(v.absolutePath), { size: v.size, contentType: v.mimeType })).key);
  } catch (error) {
    await deleteUnclaimed(db, keys);
    throw error;
  }
  return keys;
}

/**
 * E3: the people's profile images, each read from `baseDir`, checked and re-encoded as an
 * upload is (../people/profile-image-encode.ts), then stored unclaimed; answers each
 * person's stored key by their index. Any problem refuses the file, naming its path.
 */
async function stageProfileImages(db: Db, org: OrgFile, baseDir: string | undefined): Promise<Map<number, string>> {
  const wanted = org.people.flatMap((p, i) => (p.image === undefined ? [] : [{ i, file: p.image }]));
  if (!wanted.length) return new Map();
  if (baseDir === undefined) throw new Error("This organisation has profile images: loading it needs the folder their paths are relative to (baseDir).");
  const problems: Problem[] = [];
  const encoded = await mapBounded(wanted, 4, async ({ i, file }) => {
    let bytes: Buffer;
    try {
      bytes = await readFile(path.resolve(baseDir, file));
    } catch (error) {
      problems.push({ path: jsonPath(["people", i, "image"]), message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
      return null;
    }
    const result = await encodeProfileImage(bytes);
    if (!result.ok) problems.push({ path: jsonPath(["people", i, "image"]), message: result.message });
    return result.ok ? result.image.bytes : null;
  });
  if (problems.length) throw new OrgFileRefusedError(problems);
  const keys = new Map<number, string>();
  try {
    for (const [n, { i }] of wanted.entries()) {
      const bytes = encoded[n]!;
      keys.set(i, (await stageObject(db, bytes, { size: bytes.length, contentType: "image/webp" })).key);
    }
  } catch (error) {
    await deleteUnclaimed(db, [...keys.values()]);
    throw error;
  }
  return keys;
}

/** C6: an item's image, stored unclaimed under its new id (the storage key of an upload is its id). */
interface StagedContentImage {
  key: string;
  size: number;
  mimeType: ImageMime;
  width: number;
  height: number;
}

/**
 * C6: the items' images, checked as an image upload is (./contents.ts), then stored unclaimed
 * each under a new key, which becomes its upload's id: answers them by "item/image" index.
 * New ids rather than the file's own: the file's may be those of uploads the database still
 * holds (a --reset load of its own export), whose objects are deleted once the load commits.
 * Any problem refuses the file, naming its path.
 */
async function stageContentImages(db: Db, org: OrgFile, baseDir: string | undefined): Promise<Map<string, StagedContentImage>> {
  if (!hasContentImages(org)) return new Map();
  if (baseDir === undefined) throw new Error("This organisation has images in its content: loading it needs the folder their paths are relative to (baseDir).");
  const { problems, images } = await checkContentImageContents(org, baseDir);
  // A path the schema refuses is not checked there: refused here too, for a file handed over unparsed.
  org.content.forEach((c, i) =>
    (c.images ?? []).forEach((m, j) => {
      const problem = versionPathProblem(m.path);
      if (problem) problems.push({ path: jsonPath(["content", i, "images", j, "path"]), message: problem });
    }),
  );
  if (problems.length) throw new OrgFileRefusedError(problems);
  const staged = new Map<string, StagedContentImage>();
  try {
    for (const image of images) {
      const at = ["content", image.item, "images", image.image, "path"];
      // Read again, and checked again, as stored: the bytes stored are the bytes checked.
      const read = await readContentImage(org.content[image.item]!.images![image.image]!.path, baseDir);
      if (typeof read === "string") throw new OrgFileRefusedError([{ path: jsonPath(at), message: read }]);
      const { key, size } = await stageObject(db, read.bytes, { size: read.bytes.length, contentType: read.mimeType });
      staged.set(`${image.item}/${image.image}`, { key, size, mimeType: read.mimeType, width: read.width, height: read.height });
    }
  } catch (error) {
    await deleteUnclaimed(db, [...staged.values()].map((s) => s.key));
    throw error;
  }
  return staged;
}

/** C6: `html` with each of the item's images' old ids replaced by its new one, where it names them (`/api/uploads/<id>`), in one pass. */
function withNewImageIds(html: string, renamed: Map<string, string>): string {
  if (!renamed.size) return html;
  return html.replace(NAMED_UPLOAD, (named: string, id: string) => (renamed.has(id) ? uploadReference(renamed.get(id)!) : named));
}
const NAMED_UPLOAD = new RegExp(`${uploadReference("")}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`, "g");

/**
 * --reset: TRUNCATE fires no row triggers, so the objects the organisation's rows own
 * (group file versions, images, profile images: migrations 0017, 0018) are put in the
 * ledger here, in the same transaction, and deleted once it commits.
 */
async function releaseEveryObject(tx: Db): Promise<string[]> {
  const rows = rowsOf<{ key: string }>(
    await tx.execute(sql`
      insert into ${schema.unclaimedObjects} (key)
      select storage_key from group_file_versions
      union select id from uploads
      union select image_id from people where image_id is not null
      on conflict do nothing
      returning key`),
  );
  return rows.map((r) => r.key);
}

export async function loadOrganisation(db: Db, org: OrgFile, options: { reset?: boolean; baseDir?: string } = {}): Promise<LoadSummary> {
  if (!options.reset && !(await isDatabaseEmpty(db))) throw new DatabaseNotEmptyError();
  const contents = await checkedContents(org, options.baseDir);
  const passwordHashes = await hashAll(org.people.map((p) => p.password));
  const now = new Date();
  const stagedKeys = await stageContents(db, contents);
  let imageKeys = new Map<number, string>();
  let contentImages = new Map<string, StagedContentImage>();
  const everyStagedKey = () => [...stagedKeys, ...imageKeys.values(), ...[...contentImages.values()].map((i) => i.key)];
  try {
    imageKeys = await stageProfileImages(db, org, options.baseDir);
    contentImages = await stageContentImages(db, org, options.baseDir);
  } catch (error) {
    await deleteUnclaimed(db, everyStagedKey());
    throw error;
  }
  let releasedKeys: string[];
  try {
    // D4: each file's newest version's text, read before the transaction as an upload's is.
    const fileTexts = await newestVersionTexts(contents, stagedKeys);
    releasedKeys = await db.transaction((tx) =>
      writeOrganisation(tx, org, { reset: options.reset ?? false, passwordHashes, now, contents, stagedKeys, imageKeys, contentImages, fileTexts }),
    );
  } catch (error) {
    await deleteUnclaimed(db, everyStagedKey());
    throw error;
  }
  await deleteUnclaimed(db, releasedKeys);

  return {
    teams: org.teams.length,
    locations: org.locations.length,
    people: org.people.length,
    sections: org.sections.length,
    content: org.content.length,
    groups: org.groups.length,
    files: org.groups.reduce((n, g) => n + (g.files ?? []).length, 0),
    images: contentImages.size,
    ideas: (org.ideas ?? []).length,
    wallPosts: (org.wallPosts ?? []).length,
    queries: (org.queries ?? []).length,
  };
}

interface WriteInput {
  reset: boolean;
  passwordHashes: (string | null)[];
  now: Date;
  /** The versions' checked bytes, in file order, and the keys they were stored under. */
  contents: CheckedVersion[];
  stagedKeys: string[];
  /** The people's profile images, stored unclaimed, by the person's index. */
  imageKeys: Map<number, string>;
  /** The items' images (C6), stored unclaimed, by "item/image" index. */
  contentImages: Map<string, StagedContentImage>;
  /** The text of each group file's newest version, by "group/file" index (newestVersionTexts). */
  fileTexts: Map<string, string | null>;
}

/** Everything but the files' bytes, in the load's transaction; answers the keys a reset released. */
async function writeOrganisation(tx: Db, org: OrgFile, input: WriteInput): Promise<string[]> {
  const { passwordHashes, now } = input;
  let released: string[] = [];
  if (input.reset) {
    released = await releaseEveryObject(tx);
    const names = ORGANISATION_TABLES.map((t) => sql.identifier(getTableName(t)));
    // The cascade reaches audit_events (M8), which refuses TRUNCATE except for this
    // reset run by a superuser (drizzle/0009_audit_append_only.sql).
    await tx.execute(sql`select set_config('portico.reset_organisation', 'on', true)`);
    await tx.execute(sql`truncate ${sql.join(names, sql`, `)} restart identity cascade`);
    await tx.execute(sql`select set_config('portico.reset_organisation', 'off', true)`);
  } else if (!(await isDatabaseEmpty(tx))) {
    throw new DatabaseNotEmptyError();
  }

  // Locations and teams (parents first).
  const locationId = new Map<string, number>();
  if (org.locations.length) {
    const rows = await tx
      .insert(schema.locations)
      .values(org.locations.map((l) => ({ key: l.key, name: l.name, address: l.address?.trim() || null })))
      .returning({ id: schema.locations.id, key: schema.locations.key });
    for (const r of rows) locationId.set(r.key, r.id);
  }
  const teamId = new Map<string, number>();
  for (const level of byDepth(org.teams, (t) => t.key, (t) => t.parent)) {
    const rows = await insertReturningChunked(level, (chunk) =>
      tx
        .insert(schema.teams)
        .values(chunk.map((t) => ({ key: t.key, name: t.name, parentId: t.parent === null ? null : teamId.get(t.parent)!, acceptsQueries: t.acceptsQueries ?? false })))
        .returning({ id: schema.teams.id, key: schema.teams.key }),
    );
    for (const r of rows) teamId.set(r.key, r.id);
  }
  await rebuildTeamClosure(tx);

  // People and their teams.
  const personId = new Map<string, string>();
  const people = await insertReturningChunked(
    org.people.map((p, i) => ({
      email: p.email,
      name: p.name,
      audience: p.audience,
      roles: (p.roles ?? []).filter((r): r is "webmaster" => r === "webmaster" && p.audience === "organisational"),
      passwordHash: passwordHashes[i],
      // Someone loaded with a password can sign in; others wait for a welcome e-mail (P3).
      authorisedAt: passwordHashes[i] ? now : null,
      blocked: p.blocked ?? false,
      mobile: p.mobile ?? null,
      showMobile: p.showMobile ?? false,
      locationId: p.location === undefined ? null : locationId.get(p.location)!,
      jobTitle: p.jobTitle?.trim() || null,
      organisation: p.organisation?.trim() || null,
      workPhone: p.workPhone?.trim() || null,
      about: p.about?.trim() || null,
      imageId: input.imageKeys.get(i) ?? null,
    })),
    (chunk) => tx.insert(schema.people).values(chunk).returning({ id: schema.people.id, email: schema.people.email }),
  );
  for (const r of people) personId.set(r.email.toLowerCase(), r.id);
  const idOf = (email: string) => personId.get(email.toLowerCase())!;
  for (const key of input.imageKeys.values()) await claimObject(tx, key);

  await insertChunked(
    org.people.flatMap((p) =>
      (p.teams ?? []).map((t) => ({ teamId: teamId.get(t)!, personId: idOf(p.email), isAdmin: (p.teamAdmin ?? []).includes(t) })),
    ),
    (chunk) => tx.insert(schema.teamMembers).values(chunk),
  );

  // Sections (parents first), memberships and roles.
  const sectionId = new Map<string, number>();
  for (const level of byDepth(org.sections, (s) => s.slug, (s) => s.parent)) {
    const rows = await insertReturningChunked(level, (chunk) =>
      tx
        .insert(schema.sections)
        .values(
          chunk.map((s) => ({
            slug: s.slug,
            title: s.title,
            description: s.description ?? "",
            parentId: s.parent === null ? null : sectionId.get(s.parent)!,
            restricted: s.restricted,
          })),
        )
        .returning({ id: schema.sections.id, slug: schema.sections.slug }),
    );
    for (const r of rows) sectionId.set(r.slug, r.id);
  }
  await rebuildSectionClosure(tx);
  await insertChunked(
    org.sections.flatMap((s) => (s.members ?? []).map((m) => ({ sectionId: sectionId.get(s.slug)!, personId: idOf(m) }))),
    (chunk) => tx.insert(schema.sectionMemberPeople).values(chunk),
  );
  await insertChunked(
    org.sections.flatMap((s) =>
      (s.teams ?? []).map((t) => ({ sectionId: sectionId.get(s.slug)!, teamId: teamId.get(t.team)!, includeChildren: t.includeChildren })),
    ),
    (chunk) => tx.insert(schema.sectionMemberTeams).values(chunk),
  );
  await insertChunked(
    org.sections.flatMap((s) => (s.roles ?? []).map((r) => ({ sectionId: sectionId.get(s.slug)!, personId: idOf(r.person), role: r.role }))),
    (chunk) => tx.insert(schema.sectionRoles).values(chunk),
  );

  // Groups.
  const groupId = new Map<string, number>();
  if (org.groups.length) {
    const rows = await tx
      .insert(schema.groups)
      .values(org.groups.map((g) => ({ slug: g.slug, name: g.name, description: g.description, visibility: g.visibility })))
      .returning({ id: schema.groups.id, slug: schema.groups.slug });
    for (const r of rows) groupId.set(r.slug, r.id);
  }
  await insertChunked(
    org.groups.flatMap((g) => g.members.map((m) => ({ groupId: groupId.get(g.slug)!, personId: idOf(m.person), isAdmin: m.admin ?? false }))),
    (chunk) => tx.insert(schema.groupMembers).values(chunk),
  );
  await insertChunked(
    org.groups.flatMap((g) => (g.requests ?? []).map((r) => ({ groupId: groupId.get(g.slug)!, personId: idOf(r.person), message: r.message ?? "" }))),
    (chunk) => tx.insert(schema.groupJoinRequests).values(chunk),
  );
  await insertChunked(
    org.groups.flatMap((g) =>
      (g.invitations ?? []).map((inv) => ({ groupId: groupId.get(g.slug)!, personId: idOf(inv.person), invitedBy: inv.invitedBy === undefined ? null : idOf(inv.invitedBy) })),
    ),
    (chunk) => tx.insert(schema.groupInvitations).values(chunk),
  );
  await writeGroupFiles(tx, org, { groupId, idOf, now, contents: input.contents, keys: input.stagedKeys, texts: input.fileTexts });

  // Content, its shares and poll options; its bodies name its images by their new ids (C6).
  const renamedImages = org.content.map((c, i) => new Map((c.images ?? []).map((m, j) => [m.id, input.contentImages.get(`${i}/${j}`)!.key])));
  const contentId = new Map<string, string>();
  const items = await insertReturningChunked(
    org.content.map((c, i) => {
      const at = c.publishedAt ? new Date(c.publishedAt) : now;
      const created = c.createdAt ? new Date(c.createdAt) : at;
      return {
        importKey: c.key,
        type: c.type,
        title: c.title,
        body: withNewImageIds(c.body, renamedImages[i]!),
        status: c.status,
        authorId: idOf(c.author),
        homeSectionId: c.section === undefined ? null : sectionId.get(c.section)!,
        homeGroupId: c.group === undefined ? null : groupId.get(c.group)!,
        eventStartsAt: c.startsAt ? new Date(c.startsAt) : null,
        eventEndsAt: c.endsAt ? new Date(c.endsAt) : null,
        eventPlace: c.place ?? null,
        tags: c.tags ?? [],
        createdAt: created,
        updatedAt: c.updatedAt ? new Date(c.updatedAt) : c.createdAt ? created : at,
        publishedAt: c.status === "published" ? at : null,
        version: c.versions?.length ?? 1,
      };
    }),
    (chunk) => tx.insert(schema.content).values(chunk).returning({ id: schema.content.id, key: schema.content.importKey }),
  );
  for (const r of items) contentId.set(r.key!, r.id);
  // C1: the history as saved, numbered from 1; the item's version is its last.
  await insertChunked(
    org.content.flatMap((c, n) =>
      (c.versions ?? []).map((v, i) => ({
        contentId: contentId.get(c.key)!,
        version: i + 1,
        title: v.title,
        body: withNewImageIds(v.body, renamedImages[n]!), // as the item's own: sanitised where it is shown (lib/content/item.ts)
        status: v.status,
        details: v.details ?? {},
        editorId: v.editor === null ? null : idOf(v.editor),
        editorName: v.editorName,
        savedAt: new Date(v.savedAt),
      })),
    ),
    (chunk) => tx.insert(schema.contentVersions).values(chunk),
  );
  await insertChunked(
    org.content.flatMap((c) => (c.sharedInto ?? []).map((s) => ({ contentId: contentId.get(c.key)!, sectionId: sectionId.get(s)! }))),
    (chunk) => tx.insert(schema.contentShares).values(chunk),
  );
  await insertChunked(
    org.content.flatMap((c) => (c.options ?? []).map((label, position) => ({ contentId: contentId.get(c.key)!, label, position }))),
    (chunk) => tx.insert(schema.pollOptions).values(chunk),
  );
  // C6: each image an upload of its item (served to whoever may view the item), uploaded by the item's author.
  const uploadRows = org.content.flatMap((c, i) =>
    (c.images ?? []).map((_, j) => {
      const image = input.contentImages.get(`${i}/${j}`)!;
      return { id: image.key, uploaderId: idOf(c.author), contentId: contentId.get(c.key)!, mimeType: image.mimeType, byteSize: image.size, width: image.width, height: image.height };
    }),
  );
  await insertChunked(uploadRows, (chunk) => tx.insert(schema.uploads).values(chunk));
  for (const row of uploadRows) await claimObject(tx, row.id);
  // E3: a poll's closing time and when its results are shown, where the file gives either.
  await insertChunked(
    org.content
      .filter((c) => c.type === "poll" && (c.closesAt !== undefined || c.resultsShown !== undefined))
      .map((c) => ({ contentId: contentId.get(c.key)!, closesAt: c.closesAt ? new Date(c.closesAt) : null, resultsShown: c.resultsShown ?? "after_voting" })),
    (chunk) => tx.insert(schema.pollSettings).values(chunk),
  );

  await tx
    .insert(schema.settings)
    .values({ key: "externalAccess", value: { ...DEFAULT_EXTERNAL_ACCESS, ...org.settings?.externalAccess } });
  if (org.settings?.appsEnabled) {
    await tx.insert(schema.settings).values({ key: "appsEnabled", value: { ideas: true, messageWall: true, queries: true, ...org.settings.appsEnabled } });
  }
  await writeApps(tx, org, { idOf, teamId, now });
  return released;
}

/**
 * G4 G8: the apps' moderators, ideas (votes and followers; counters from them), wall posts
 * (favourites) and queries (answers; resolved when one is accepted, answered when any is
 * there). Dates: the loading time when not given.
 */
async function writeApps(tx: Db, org: OrgFile, ctx: { idOf: (email: string) => string; teamId: Map<string, number>; now: Date }): Promise<void> {
  const { idOf, now } = ctx;
  const at = (iso: string | undefined) => (iso ? new Date(iso) : now);
  const moderators = (["ideas", "messageWall", "queries"] as const).flatMap((app) => (org.appModerators?.[app] ?? []).map((e) => ({ app, personId: idOf(e) })));
  await insertChunked(moderators, (chunk) => tx.insert(schema.appModerators).values(chunk));

  const ideas = org.ideas ?? [];
  const ideaRows = await insertReturningChunked(
    ideas.map((idea) => ({
      authorId: idOf(idea.author),
      title: idea.title,
      description: sanitizeRichText(idea.description, { keepUpload: () => false }),
      tags: [...new Set(idea.tags ?? [])],
      status: idea.status,
      statusNote: idea.statusNote ?? null,
      statusChangedAt: idea.status === "new" ? null : at(idea.createdAt),
      statusChangedBy: idea.statusBy === undefined ? null : idOf(idea.statusBy),
      voteCount: (idea.votes ?? []).length,
      createdAt: at(idea.createdAt),
      updatedAt: at(idea.createdAt),
    })),
    (chunk) => tx.insert(schema.ideas).values(chunk).returning({ id: schema.ideas.id }),
  );
  await insertChunked(
    ideas.flatMap((idea, i) => (idea.votes ?? []).map((e) => ({ ideaId: ideaRows[i]!.id, personId: idOf(e), createdAt: at(idea.createdAt) }))),
    (chunk) => tx.insert(schema.ideaVotes).values(chunk),
  );
  await insertChunked(
    ideas.flatMap((idea, i) => (idea.followers ?? []).map((e) => ({ ideaId: ideaRows[i]!.id, personId: idOf(e) }))),
    (chunk) => tx.insert(schema.follows).values(chunk),
  );

  const posts = org.wallPosts ?? [];
  const postRows = await insertReturningChunked(
    posts.map((p) => ({ authorId: idOf(p.author), body: p.body, createdAt: at(p.createdAt), favouriteCount: (p.favourites ?? []).length })),
    (chunk) => tx.insert(schema.wallPosts).values(chunk).returning({ id: schema.wallPosts.id }),
  );
  await insertChunked(
    posts.flatMap((p, i) => (p.favourites ?? []).map((e) => ({ wallPostId: postRows[i]!.id, personId: idOf(e), createdAt: at(p.createdAt) }))),
    (chunk) => tx.insert(schema.wallFavourites).values(chunk),
  );

  for (const q of org.queries ?? []) {
    const answers = q.answers ?? [];
    const [query] = await tx
      .insert(schema.orgQueries)
      .values({ askerId: idOf(q.asker), teamId: ctx.teamId.get(q.team)!, title: q.title, body: q.body, status: answers.length ? "answered" : "open", createdAt: at(q.createdAt), updatedAt: at(q.createdAt) })
      .returning({ id: schema.orgQueries.id });
    if (!answers.length) continue;
    const answerRows = await tx
      .insert(schema.queryAnswers)
      .values(answers.map((a) => ({ queryId: query!.id, authorId: idOf(a.author), body: a.body, createdAt: at(a.createdAt) })))
      .returning({ id: schema.queryAnswers.id });
    const accepted = answers.findIndex((a) => a.accepted);
    if (accepted >= 0) {
      await tx
        .update(schema.orgQueries)
        .set({ status: "resolved", acceptedAnswerId: answerRows[accepted]!.id, resolvedAt: at(answers[accepted]!.createdAt) })
        .where(sql`${schema.orgQueries.id} = ${query!.id}`);
    }
  }
}

/**
 * G7: the groups' files and their versions, each version's stored object claimed in this
 * transaction. A file's uploader may manage it while a member; a version's uploader is its
 * history (the file's uploader when not given). Dates: the loading time when not given.
 */
async function writeGroupFiles(
  tx: Db,
  org: OrgFile,
  ctx: { groupId: Map<string, number>; idOf: (email: string) => string; now: Date; contents: CheckedVersion[]; keys: string[]; texts: Map<string, string | null> },
): Promise<void> {
  const stored = new Map(ctx.contents.map((v, i) => [`${v.group}/${v.file}/${v.version}`, { ...v, key: ctx.keys[i]! }]));
  const files = org.groups.flatMap((g, group) => (g.files ?? []).map((f, file) => ({ g, f, group, file })));
  if (!files.length) return;
  const at = (iso: string | undefined) => (iso ? new Date(iso) : ctx.now);
  const fileRows = await insertReturningChunked(files, (chunk) =>
    tx
      .insert(schema.groupFiles)
      .values(
        chunk.map(({ g, f }) => ({
          groupId: ctx.groupId.get(g.slug)!,
          name: f.name,
          description: f.description ?? "",
          tags: f.tags ?? [],
          uploaderId: f.uploader === undefined ? null : ctx.idOf(f.uploader),
          currentVersion: f.versions.length,
          createdAt: at(f.versions[0]!.uploadedAt),
          updatedAt: at(f.versions[f.versions.length - 1]!.uploadedAt),
        })),
      )
      .returning({ id: schema.groupFiles.id, groupId: schema.groupFiles.groupId, name: schema.groupFiles.name }),
  );
  const fileId = new Map(fileRows.map((r) => [`${r.groupId}/${r.name}`, r.id]));
  for (const { g, f, group, file } of files) {
    const text = ctx.texts.get(`${group}/${file}`);
    // Read here for every file (null: no text), so the background job has none left to read.
    await tx.execute(sql`update group_files set extracted_text = ${text ?? null}, text_read_version = current_version where id = ${fileId.get(`${ctx.groupId.get(g.slug)}/${f.name}`)!}::uuid`);
  }
  const versions = files.flatMap(({ g, f, group, file }) =>
    f.versions.map((v, version) => {
      const bytes = stored.get(`${group}/${file}/${version}`)!;
      const uploader = v.uploader === undefined ? (f.uploader ?? null) : v.uploader;
      return {
        fileId: fileId.get(`${ctx.groupId.get(g.slug)}/${f.name}`)!,
        number: version + 1,
        storageKey: bytes.key,
        byteSize: bytes.size,
        mimeType: bytes.mimeType,
        uploaderId: uploader === null ? null : ctx.idOf(uploader),
        createdAt: at(v.uploadedAt),
      };
    }),
  );
  await insertChunked(versions, (chunk) => tx.insert(schema.groupFileVersions).values(chunk));
  for (const v of versions) await claimObject(tx, v.storageKey);
}
