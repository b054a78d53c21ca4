/**
 * The access rules (S2–S7, C2–C5; G1, G3, G6 for groups, G2, G5 for who writes in them, G7 for their files): a
 * property test of every surface's data query against a reference model written from the
 * rules alone (docs/RULES.md; lib/access/testing/reference-model.ts). fast-check generates
 * small random organisations in docs/ORG-FILE.md shape (lib/testing/random-org.ts,
 * shared with e2e/random-orgs.spec.ts, which renders the pages for some of them), and a
 * few group files for them (here: rows only, no bytes); each is loaded into the test
 * database, and for every person every section, every item, every listing and every
 * group file is asked for and compared with the model; and every profile, the people,
 * teams and locations directories, and every idea, wall post and query (P5 P6 E2 E4 E5 G4
 * G8 K2 K3), with each External access switch drawn off or on and apps turned off.
 *
 * Environment: FC_RUNS (default 120: CI runs it on PGlite and on PostgreSQL, 240 organisations
 * in all, now that each also checks comments, mention suggestions and notifications), FC_SEED
 * (to replay a failure).
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Connection } from "@/db/connect";
import {
  commentReports,
  comments,
  content,
  groupFileVersions,
  groupFiles,
  groups,
  ideas,
  locations,
  notifications,
  orgQueries,
  people,
  sections,
  teams,
  wallPosts,
} from "@/db/schema";
import { type OrgFile, parseOrgFile } from "@/lib/org-file/schema";
import type { AccessSubject } from "@/lib/access/types";
import { can } from "@/lib/access/policies";
import { loadViewer } from "@/lib/access/viewer";
import { listShareTargets } from "@/lib/content/authoring-queries";
import { getContent } from "@/lib/content/item";
import { type ContentType, PAGE_SIZE, listFeed, listLatest, listMyContent } from "@/lib/content/listings";
import { getGroupFile, getVersionForDownload, listGroupFiles } from "@/lib/group-docs/queries";
import { kindOfName } from "@/lib/group-docs/file-types";
import { getGroupPage, listGroups } from "@/lib/groups/queries";
import { listReportedComments } from "@/lib/comments/queries";
import { getSection, listReachableSections } from "@/lib/sections/queries";
import { TITLE_PATTERN, orgArb, withoutPasswords } from "@/lib/testing/random-org";
import { clearRandomOrg, loadRandomOrg, randomOrgDatabase } from "@/lib/testing/random-org-database";
import { allChecks, modelChecks } from "@/lib/access/testing/disagreement";
import { recordNotificationEvent } from "@/lib/notifications/events";
import { expandDueEvents } from "@/lib/notifications/fan-out";
import { suggestMentions } from "@/lib/mentions/suggest";
import { getProfile, listPeople } from "@/lib/people/directory";
import { canViewTeams } from "@/lib/access/teams";
import { getTeamPage } from "@/lib/teams/queries";
import { getLocation, listLocations } from "@/lib/locations/queries";
import { getIdea, listIdeas } from "@/lib/ideas/queries";
import { listWallPosts } from "@/lib/wall/queries";
import { getQueryPage, listQueries } from "@/lib/queries-app/queries";
import { searchContent } from "@/lib/search/content-search";
import { SEARCH_TYPES, searchParams } from "@/lib/search/params";
import { withoutHighlights } from "@/lib/search/highlight";
import { type PersonModel, mentionSuggestionsFor, notifiedOf, referenceModel } from "./testing/reference-model";
import { checkExplanations } from "./testing/explain-check";
import { checkSeenByManager } from "./testing/view-as-check";

// The Auth.js and navigation mocks are the shared ones (lib/testing/setup.ts). Half the
// people are deliberately subjects without grantRoots (checkPerson): the predicates' second
// path, which a harness signInAs (always loadViewer) would never exercise.

const NUM_RUNS = Number(process.env.FC_RUNS ?? 120);
const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);

// ---------------------------------------------------------------------------------
// Comparing the implementation with the model.
// ---------------------------------------------------------------------------------

const sorted = (xs: Iterable<string>) => [...xs].sort();
const all = allChecks;

// ---------------------------------------------------------------------------------
// Group files (G7): drawn for an organisation already made, as rows with no bytes.
// ---------------------------------------------------------------------------------

const FILE_EXTENSIONS = ["pdf", "txt", "png"] as const;
const rawFilesArb = fc.array(
  fc.record({
    group: fc.nat(7),
    // Anyone: a member, an admin, someone who has left the group, a webmaster; or nobody (a deleted account).
    uploader: fc.option(fc.nat(7), { freq: 4 }),
    versions: fc.integer({ min: 1, max: 3 }),
    capital: fc.boolean(),
    extension: fc.constantFrom(...FILE_EXTENSIONS),
  }),
  { maxLength: 3 },
);

/** The organisation with `files` in its groups (distinct names; the capitals test that names are not told apart by case). */
type RawFiles = typeof rawFilesArb extends fc.Arbitrary<infer T> ? T : never;

function withFiles(org: OrgFile, raw: RawFiles): OrgFile {
  if (!org.groups.length) return org;
  const groupsWithFiles = org.groups.map((g) => ({ ...g, files: [] as NonNullable<OrgFile["groups"][number]["files"]> }));
  raw.forEach((f, i) => {
    const uploader = f.uploader === null ? undefined : org.people[f.uploader % org.people.length]!.email;
    groupsWithFiles[f.group % groupsWithFiles.length]!.files.push({
      name: `${f.capital ? "D" : "d"}oc-${String(i).padStart(2, "0")}.${f.extension}`,
      ...(uploader === undefined ? {} : { uploader }),
      versions: Array.from({ length: f.versions }, (_, k) => ({ path: `v${k + 1}.${f.extension}`, uploader: uploader ?? null })),
    });
  });
  return { ...org, groups: groupsWithFiles.map((g) => (g.files.length ? g : { ...g, files: undefined })) };
}

const orgWithFilesArb = fc.tuple(orgArb.map(withoutPasswords), rawFilesArb).map(([org, files]) => withFiles(org, files));

/** Writes the organisation's group files as rows, straight (their uploaders need not be members: people leave groups); answers their ids by group and name. */
async function insertGroupFiles(db: Connection["db"], org: OrgFile, groupId: Map<string, number>, personId: Map<string, string>): Promise<Map<string, string>> {
  const files = org.groups.flatMap((g) => (g.files ?? []).map((f) => ({ slug: g.slug, f, uploaderId: f.uploader === undefined ? null : personId.get(f.uploader.toLowerCase())! })));
  if (!files.length) return new Map();
  const rows = await db
    .insert(groupFiles)
    .values(files.map(({ slug, f, uploaderId }) => ({ groupId: groupId.get(slug)!, name: f.name, uploaderId, currentVersion: f.versions.length })))
    .returning({ id: groupFiles.id, name: groupFiles.name });
  // Names are distinct across the organisation (withFiles).
  const idOf = new Map(rows.map((r) => [r.name, r.id]));
  await db.insert(groupFileVersions).values(
    files.flatMap(({ f, uploaderId }) =>
      f.versions.map((_, k) => ({ fileId: idOf.get(f.name)!, number: k + 1, storageKey: randomUUID(), byteSize: 1, mimeType: kindOfName(f.name)!.mimeType, uploaderId })),
    ),
  );
  return new Map(files.map(({ slug, f }) => [`${slug}/${f.name}`, idOf.get(f.name)!]));
}

/** K1 K3: a comment on every item by its author, each with an open report by the first person; answers the comments' ids by item key. */
async function insertReportedComments(db: Connection["db"], org: OrgFile, personId: Map<string, string>): Promise<Map<string, string>> {
  if (!org.content.length) return new Map();
  const items = await db.select({ id: content.id, key: content.importKey, authorId: content.authorId }).from(content);
  const rows = await db
    .insert(comments)
    .values(items.map((i) => ({ contentId: i.id, authorId: i.authorId, body: "A comment" })))
    .returning({ id: comments.id, contentId: comments.contentId });
  const reporter = personId.get(org.people[0]!.email.toLowerCase())!;
  await db.insert(commentReports).values(rows.map((r) => ({ commentId: r.id, reporterId: reporter, reason: "A reason" })));
  const keyOf = new Map(items.map((i) => [i.id, i.key!]));
  return new Map(rows.map((r) => [keyOf.get(r.contentId!)!, r.id]));
}

async function checkOrganisation(conn: Connection, org: OrgFile): Promise<void> {
  const db = conn.db;
  await clearRandomOrg(db);
  await loadRandomOrg(conn, org);
  const [personRows, contentRows, sectionRows, groupRows, teamRows] = await Promise.all([
    db.select({ id: people.id, email: people.email, audience: people.audience, roles: people.roles }).from(people),
    db.select({ id: content.id, key: content.importKey }).from(content),
    db.select({ id: sections.id, slug: sections.slug }).from(sections),
    db.select({ id: groups.id, slug: groups.slug }).from(groups),
    db.select({ id: teams.id, key: teams.key }).from(teams),
  ]);
  const groupId = new Map(groupRows.map((r) => [r.slug, r.id]));
  const fileId = await insertGroupFiles(db, org, groupId, new Map(personRows.map((r) => [r.email.toLowerCase(), r.id])));
  // K1 K3: one comment on every item, by its author, with an open report (rows only: who may write them is the actions' test).
  const commentOf = await insertReportedComments(db, org, new Map(personRows.map((r) => [r.email.toLowerCase(), r.id])));
  const appIds = await readAppIds(db, org);
  const contentId = new Map(contentRows.map((r) => [r.key!, r.id]));
  const keyOfId = new Map(contentRows.map((r) => [r.id, r.key!]));
  const sectionId = new Map(sectionRows.map((r) => [r.slug, r.id]));
  const teamKeyOf = new Map(teamRows.map((r) => [r.id, r.key]));
  const model = referenceModel(org);
  const publishedAtOf = new Map(org.content.map((c) => [c.key, c.publishedAt!]));
  const typeOf = new Map(org.content.map((c) => [c.key, c.type]));
  const sectionsOf = new Map(org.content.map((c) => [c.key, [c.section, ...(c.sharedInto ?? [])]]));
  const groupOf = new Map(org.content.flatMap((c) => (c.group === undefined ? [] : [[c.key, c.group] as const])));
  if (personRows.length !== org.people.length || contentRows.length !== org.content.length || sectionRows.length !== org.sections.length) {
    throw new Error(`the organisation did not load whole: ${JSON.stringify(org)}`);
  }

  await all(personRows.map((row, i) => checkPerson(row, i)));
  await checkNotifications();

  /**
   * K5 S7 E6: who is notified of a change of an item, and of @mentions of everyone in it,
   * each made by a different person: the fan-out worker's recipients are the model's. The
   * first two items of each organisation, their events expanded together.
   */
  async function checkNotifications(): Promise<void> {
    const idOfEmail = new Map(personRows.map((r) => [r.email.toLowerCase(), r.id]));
    const emailOfId = new Map(personRows.map((r) => [r.id, r.email.toLowerCase()]));
    const everyone = personRows.map((r) => r.email.toLowerCase());
    const items = org.content.slice(0, 2).map((c, i) => ({ c, itemId: contentId.get(c.key)!, actor: everyone[i % everyone.length]! }));
    await db.delete(notifications);
    for (const { itemId, actor } of items) {
      await recordNotificationEvent(db, { kind: "content", actorId: idOfEmail.get(actor)!, contentId: itemId, detail: "updated" });
      await recordNotificationEvent(db, { kind: "content_mention", actorId: idOfEmail.get(actor)!, contentId: itemId, mentionedIds: [...idOfEmail.values()] });
    }
    await expandDueEvents(db);
    const rows = await db.select({ recipient: notifications.recipientId, kind: notifications.kind, contentId: notifications.contentId }).from(notifications);
    for (const { c, itemId, actor } of items) {
      const told = (kind: string) => sorted(rows.filter((r) => r.kind === kind && r.contentId === itemId).map((r) => emailOfId.get(r.recipient)!));
      const { same: expectEqual } = modelChecks("the people it notifies", org);
      expectEqual(`notified of a change of "${c.key}" by ${actor} (S7 K5)`, notifiedOf(model, { kind: "content", item: c.key, actor }), told("content_role"));
      expectEqual(`notified of mentions in "${c.key}" by ${actor} (E6 K5)`, notifiedOf(model, { kind: "content_mention", item: c.key, actor, mentioned: everyone }), told("mention"));
    }
  }


  async function checkPerson(row: (typeof personRows)[number], index: number): Promise<void> {
    const m = model.forPerson(row.email);
    // Every other person is checked as pages see them: loaded by loadViewer, with the roots of
    // their grants read with the account (grantRoots); the others as a viewer built by hand,
    // whose grants the predicates compute inside each query. Both forms must match the model.
    const loaded = index % 2 === 0 ? await loadViewer(db, { personId: row.id, signedInAt: Date.now() }) : null;
    const viewer: AccessSubject = loaded
      ? { id: loaded.id, audience: loaded.audience, isWebmaster: loaded.isWebmaster, grantRoots: loaded.grantRoots }
      : { id: row.id, audience: row.audience, isWebmaster: row.audience === "organisational" && row.roles.includes("webmaster") };
    if (loaded && !loaded.grantRoots) throw new Error("loadViewer read no grant roots");
    const { fail, same } = modelChecks(describePerson(org, m), org);
    const namesOnlyVisible = (surface: string, slugs: string[]) => {
      const hidden = slugs.filter((s) => !m.canViewSection(s));
      if (hidden.length) fail(`${surface} (C3: names a section the viewer cannot view)`, [], hidden);
    };
    // G6: a listed item names its home group exactly when the viewer may see that group (G1, G3).
    const groupsAsModel = (surface: string, items: { id: string; group: { slug: string } | null }[]) => {
      const expected = items.map((i) => {
        const home = groupOf.get(keyOfId.get(i.id)!);
        return home !== undefined && m.canSeeGroup(home) ? home : null;
      });
      same(`${surface} group (G1, G6)`, expected, items.map((i) => i.group?.slug ?? null));
    };

    if (viewer.isWebmaster !== m.isWebmaster) fail("isWebmaster", m.isWebmaster, viewer.isWebmaster);
    const visible = new Set(m.visibleSections());

    // Sections: getSection and can(section.view) for every section (S2–S7, C5).
    const checkSection = async (s: OrgFile["sections"][number]) => {
      const expected = visible.has(s.slug) ? "ok" : "forbidden";
      const [answer, allowed] = await Promise.all([
        getSection(viewer, s.slug, { content: {} }),
        can(viewer, "section.view", { kind: "section", id: sectionId.get(s.slug)! }),
      ]);
      same(`getSection("${s.slug}").status`, expected, answer.status);
      if (answer.status === "ok") {
        // The section page's listing: its visible published items, homed or shared in, newest first (C2).
        const listed = m.visiblePublishedItems().filter((k) => sectionsOf.get(k)!.includes(s.slug));
        same(`getSection("${s.slug}").content`, listed.slice(0, PAGE_SIZE), answer.value.content!.items.map((i) => keyOfId.get(i.id)!));
        same(`getSection("${s.slug}").content.next`, listed.length > PAGE_SIZE, answer.value.content!.next !== null);
        namesOnlyVisible(`getSection("${s.slug}").content section`, answer.value.content!.items.flatMap((i) => (i.section ? [i.section.slug] : [])));
        namesOnlyVisible(`getSection("${s.slug}").breadcrumbs`, answer.value.breadcrumbs.map((b) => b.slug));
        const children = org.sections.filter((c) => c.parent === s.slug && visible.has(c.slug)).map((c) => c.slug);
        same(`getSection("${s.slug}").children (C4: exactly the visible child sections)`, sorted(children), sorted(answer.value.children.map((c) => c.slug)));
      }
      same(`can("section.view", "${s.slug}")`, expected === "ok", allowed);
    };

    // Items: getContent and can(content.view) for every item (C2, C5).
    const checkItem = async (c: OrgFile["content"][number]) => {
      const id = contentId.get(c.key)!;
      const expected = m.canViewItem(c.key) ? "ok" : m.hiddenItemAnswer(c.key);
      const [answer, allowed] = await Promise.all([getContent(viewer, id), can(viewer, "content.view", { kind: "content", id })]);
      same(`getContent("${c.key}").status`, expected, answer.status);
      if (answer.status === "ok") {
        namesOnlyVisible(`getContent("${c.key}").home`, answer.value.home ? [answer.value.home.slug] : []);
        namesOnlyVisible(`getContent("${c.key}").sharedInto`, answer.value.sharedInto.map((x) => x.slug));
        same(`getContent("${c.key}").group (G1, G6)`, c.group !== undefined && m.canSeeGroup(c.group) ? c.group : null, answer.value.group?.slug ?? null);
        // The controls the page offers (read with the item) agree with can(), which the actions ask.
        const resource = { kind: "content" as const, id };
        const [edit, publish, del, history, targets] = await Promise.all([
          can(viewer, "content.edit", resource),
          can(viewer, "content.publish", resource),
          can(viewer, "content.delete", resource),
          can(viewer, "content.history", resource),
          listShareTargets(viewer, id),
        ]);
        same(`getContent("${c.key}").permissions vs can()`, { edit, publish, delete: del, history, share: targets.length > 0 }, answer.value.permissions);
        // G5 G6: an item homed in a group is changed by its author while a member, its admins, webmasters.
        const changes = m.mayChangeGroupItem(c.key);
        if (changes !== null) same(`can(content.edit/publish/delete/history, "${c.key}") (G5, G6)`, [changes, changes, changes, changes], [edit, publish, del, history]);
      }
      same(`can("content.view", "${c.key}") vs getContent`, answer.status === "ok", allowed);
      // K1 K2: who comments on the item, and who moderates its comments.
      const [comment, moderate] = await Promise.all([
        can(viewer, "comment.create", { kind: "commentTarget", id: { kind: "content", id } }),
        can(viewer, "comment.moderate", { kind: "comment", id: commentOf.get(c.key)! }),
      ]);
      same(`can("comment.create", "${c.key}") (K1 E3)`, m.mayComment(c.key), comment);
      same(`can("comment.moderate", comment on "${c.key}") (K2 S7 G5)`, m.mayModerateComments(c.key), moderate);
    };

    // K3 C2: the moderation queue lists the reported comments of exactly the items the person moderates.
    const checkModerationQueue = async () => {
      const queue = await listReportedComments(viewer, null, 1000);
      const expected = org.content.filter((c) => m.mayModerateComments(c.key)).map((c) => c.key);
      same("listReportedComments items (K3 C2)", sorted(expected), sorted(queue.items.map((i) => keyOfId.get(i.place.target.id)!)));
    };

    // The feed: every visible published item, newest first (C2–C4).
    const checkFeed = async () => {
      const feed = await listFeed(viewer, null, 1000);
      const feedKeys = feed.items.map((i) => keyOfId.get(i.id)!);
      same("listFeed ids (publishedAt desc)", m.visiblePublishedItems(), feedKeys);
      same("listFeed next", null, feed.next);
      namesOnlyVisible("listFeed section", feed.items.flatMap((i) => (i.section ? [i.section.slug] : [])));
      groupsAsModel("listFeed", feed.items);
      const times = feedKeys.map((k) => publishedAtOf.get(k)!);
      same("listFeed order (publishedAt desc)", [...times].sort().reverse(), times);

      // The feed paged: the pages, joined, are the feed.
      const paged: string[] = [];
      let cursor: string | null = null;
      for (let guard = 0; guard < 20; guard++) {
        const page: Awaited<ReturnType<typeof listFeed>> = await listFeed(viewer, cursor, 5);
        paged.push(...page.items.map((i) => keyOfId.get(i.id)!));
        cursor = page.next;
        if (!cursor) break;
      }
      same("listFeed paged by 5", feedKeys, paged);
    };

    // Home-page widgets: the latest items of some types.
    const checkLatest = async () => {
      const types: ContentType[] = ["news", "event", "poll"];
      const latest = await listLatest(viewer, types, 3);
      same(
        `listLatest(${types.join(",")}, 3)`,
        m.visiblePublishedItems().filter((k) => types.includes(typeOf.get(k)!)).slice(0, 3),
        latest.map((i) => keyOfId.get(i.id)!),
      );
      namesOnlyVisible("listLatest section", latest.flatMap((i) => (i.section ? [i.section.slug] : [])));
    };

    // "My content": what they wrote and can view, drafts they wrote included.
    const checkMine = async () => {
      const mine = await listMyContent(viewer, null, 1000);
      same("listMyContent ids", sorted(m.myContent()), sorted(mine.items.map((i) => keyOfId.get(i.id)!)));
      namesOnlyVisible("listMyContent section", mine.items.flatMap((i) => (i.section ? [i.section.slug] : [])));
    };

    // Reachable sections (home pages).
    const checkReachable = async () => {
      const reachable = await listReachableSections(viewer);
      same("listReachableSections slugs", sorted(m.reachableSections()), sorted(reachable.map((s) => s.slug)));
    };

    // The groups directory lists exactly the groups the model lets the person see (G1, G3, E5).
    const checkDirectory = async () => {
      const listed = await listGroups(viewer, { filter: "all", q: "", after: null }, 1000);
      same("listGroups slugs (G1, G3)", sorted(m.visibleGroups()), sorted(listed.items.map((g) => g.slug)));
    };

    // Each group's page: full, a private group's summary, or 404 as for no group (G1, G3, G6, C5);
    // a full page lists the group's published items the person may view, newest first.
    const checkGroupPage = async (g: OrgFile["groups"][number]) => {
      const [answer, mayPost] = await Promise.all([
        getGroupPage(viewer, g.slug),
        can(viewer, "content.createInGroup", { kind: "group", id: groupId.get(g.slug)! }),
      ]);
      same(`can("content.createInGroup", "${g.slug}") (G2, G5)`, m.mayPostInGroup(g.slug), mayPost);
      const expected = m.groupPageAnswer(g.slug);
      same(`getGroupPage("${g.slug}")`, expected, answer.status === "ok" ? answer.value.access : answer.status);
      if (answer.status === "ok" && answer.value.access === "full") {
        const listed = m.visiblePublishedItems().filter((k) => groupOf.get(k) === g.slug);
        same(`getGroupPage("${g.slug}").content (G6)`, listed.slice(0, PAGE_SIZE), answer.value.content.items.map((i) => keyOfId.get(i.id)!));
        same(`getGroupPage("${g.slug}").memberCount`, g.members.length, answer.value.memberCount);
      }
    };

    // G7: a group's files, listed to whoever reads its content (G6); 404 where the group is
    // not admitted to exist (G1, G3), else 403; who may upload (G2, G5) and manage each (G5, G7).
    const checkGroupFiles = async (g: OrgFile["groups"][number]) => {
      const id = groupId.get(g.slug)!;
      const [answer, upload] = await Promise.all([listGroupFiles(viewer, id, { limit: 1000 }), can(viewer, "groupFile.upload", { kind: "group", id })]);
      const expected = m.groupFilesAnswer(g.slug);
      same(`listGroupFiles("${g.slug}").status (G1, G3, G6, G7)`, expected, answer.status);
      if (answer.status === "ok") {
        const rows = (g.files ?? []).map((f) => ({ name: f.name, mayManage: m.mayManageFile(g.slug, f.name) }));
        const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
        same(`listGroupFiles("${g.slug}") (G7)`, rows.sort(byName), answer.value.files.map((f) => ({ name: f.name, mayManage: f.mayManage })).sort(byName));
        same(`listGroupFiles("${g.slug}").mayUpload vs can()`, upload, answer.value.mayUpload);
      }
      same(`can("groupFile.upload", "${g.slug}") (G2, G5)`, m.mayUploadTo(g.slug), upload);
    };

    // G7: one file, its versions, a download, and can("groupFile.manage"). Every other person
    // downloads the first version (kept, G7); the others one past the last, which does not
    // exist: no more than a missing file, and that only to who may read the file.
    const checkFile = async (g: OrgFile["groups"][number], f: NonNullable<OrgFile["groups"][number]["files"]>[number]) => {
      const id = fileId.get(`${g.slug}/${f.name}`)!;
      const expected = m.groupFilesAnswer(g.slug);
      const version = index % 2 === 0 ? 1 : f.versions.length + 1;
      const [file, manage, download] = await Promise.all([
        getGroupFile(viewer, id),
        can(viewer, "groupFile.manage", { kind: "groupFile", id }),
        getVersionForDownload(viewer, id, version),
      ]);
      same(`getGroupFile("${g.slug}/${f.name}").status (G1, G6, G7, C5)`, expected, file.status);
      same(`getVersionForDownload("${g.slug}/${f.name}", ${version}).status (G7)`, version === 1 || expected !== "ok" ? expected : "not-found", download.status);
      if (file.status === "ok") {
        same(`getGroupFile("${g.slug}/${f.name}").versions (G7: every version kept)`, f.versions.map((_, k) => f.versions.length - k), file.value.versions.map((v) => v.number));
        same(`getGroupFile("${g.slug}/${f.name}").mayManage vs can()`, manage, file.value.mayManage);
      }
      same(`can("groupFile.manage", "${g.slug}/${f.name}") (G5, G7)`, m.mayManageFile(g.slug, f.name), manage);
    };

    // E6: mention suggestions for each item, and for a new draft in each section and group.
    const emailOf = new Map(personRows.map((r) => [r.id, r.email]));
    const checkMentions = async (target: { item: string } | { section: string } | { group: string }, query: string) => {
      const asked = "item" in target ? { id: contentId.get(target.item)! } : "section" in target ? { sectionId: sectionId.get(target.section)! } : { groupId: groupId.get(target.group)! };
      const found = await suggestMentions(viewer, asked, query, { limit: 50 });
      same(`suggestMentions(${JSON.stringify(target)}, "${query}") (E4 E5 E6)`, mentionSuggestionsFor(model, row.email, target, query), sorted(found.map((p) => emailOf.get(p.id)!)));
    };
    const someoneElse = personRows[(index + 1) % personRows.length]!.email;

    // D4 C4 E4: search, for words drawn from the titles: the organisation's word (every item,
    // idea, wall post and query), one item's whole title, and the word without that item's
    // number (-word). The hits and the type facets are the model's visible items (published and
    // drafts) with those words, and the ideas, posts and queries of the apps the person may use
    // (G4 E5; a hidden post only for its author and the moderators, K2); external people have no search.
    const checkSearch = async () => {
      const word = org.content[0]?.title.split("-")[1];
      if (!word) return;
      const one = org.content[index % org.content.length]!;
      const number = one.title.split("-")[2]!;
      const visibleKeys = org.content.filter((c) => m.canViewItem(c.key)).map((c) => c.key);
      const apps = [
        ...(m.mayUseApp("ideas") ? (org.ideas ?? []).map((i) => `idea:${i.title}`) : []),
        ...(org.wallPosts ?? []).flatMap((w, i) => (m.mayReadWallPost(i, appIds.hiddenPosts.has(i)) ? [`wall:${w.body}`] : [])),
        ...(m.mayUseApp("queries") ? (org.queries ?? []).map((q) => `query:${q.title}`) : []),
      ];
      const asked: { q: string; expected: string[] }[] = [
        { q: word, expected: [...visibleKeys, ...apps] },
        { q: one.title, expected: visibleKeys.filter((k) => k === one.key) },
        { q: `${word} -${number}`, expected: [...visibleKeys.filter((k) => k !== one.key), ...apps.filter((a) => !a.endsWith(`-${number}`))] },
      ];
      const keyOfHit = (h: { id: string; type: string; title: string; extract: string }) =>
        keyOfId.get(h.id) ?? `${h.type}:${withoutHighlights(h.type === "wall" ? h.extract : h.title)}`;
      const typeOfKey = (k: string) => typeOf.get(k) ?? k.slice(0, k.indexOf(":"));
      for (const { q, expected } of asked) {
        const outcome = await searchContent(viewer, searchParams({ q }), { db });
        if (m.audience === "external" && !m.isWebmaster) {
          same(`searchContent("${q}") (E4)`, "forbidden", outcome.kind);
          continue;
        }
        if (outcome.kind !== "results") return fail(`searchContent("${q}").kind`, "results", outcome.kind);
        same(`searchContent("${q}") hits (D4 C4 G4 E5)`, sorted(expected), sorted(outcome.hits.map(keyOfHit)));
        same(`searchContent("${q}") total`, expected.length, outcome.total);
        const byType = Object.fromEntries(SEARCH_TYPES.map((t) => [t, expected.filter((k) => typeOfKey(k) === t).length]));
        same(`searchContent("${q}") facets (D4 C4)`, byType, outcome.byType);
        namesOnlyVisible(`searchContent("${q}") section`, outcome.hits.flatMap((h) => (h.section ? [h.section.slug] : [])));
        groupsAsModel(`searchContent("${q}")`, outcome.hits);
      }
    };

    // C5: what does not exist answers 404, to anyone.
    const checkMissing = async () => {
      const [section, item, malformed] = await Promise.all([
        getSection(viewer, "no-such-section"),
        getContent(viewer, "00000000-0000-4000-8000-000000000000"),
        getContent(viewer, "not-an-id"),
      ]);
      same("getSection(missing) / getContent(missing, malformed)", ["not-found", "not-found", "not-found"], [section.status, item.status, malformed.status]);
    };

    await all([
      ...(row === personRows[0] ? [checkMissing()] : []),
      ...org.sections.map(checkSection),
      ...org.content.map(checkItem),
      checkFeed(),
      checkSearch(),
      checkLatest(),
      checkMine(),
      checkReachable(),
      checkDirectory(),
      checkModerationQueue(),
      ...org.groups.map(checkGroupPage),
      ...org.groups.map(checkGroupFiles),
      ...org.groups.flatMap((g) => (g.files ?? []).map((f) => checkFile(g, f))),
      ...org.content.flatMap((c, k) => [checkMentions({ item: c.key }, k % 2 ? "PERSON" : "person 1"), checkMentions({ item: c.key }, someoneElse.toUpperCase())]),
      ...org.sections.map((s) => checkMentions({ section: s.slug }, "person")),
      ...org.groups.map((g) => checkMentions({ group: g.slug }, someoneElse)),
      ...checkDirectoriesAndApps({ org, m, viewer, self: row, personRows, ids: appIds, same }),
      // B1: why they can or cannot view each section, item, group and file.
      ...checkExplanations({ db, org, model, m, personId: row.id, ids: { sectionId, contentId, groupId, fileId, teamKeyOf }, same }),
      // B2: what a section manager viewing as them sees, within their sections.
      ...checkSeenByManager({ db, org, m, viewer, sectionId, same }),
    ]);
  }
}

// ---------------------------------------------------------------------------------
// Directories, profiles and apps (P5 P6 E2 E4 E5 G4 G8 K2 K3).
// ---------------------------------------------------------------------------------

interface AppIds {
  /** By index in the file's lists. */
  ideas: string[];
  wallPosts: string[];
  queries: string[];
  /** Wall posts hidden by a moderator (K2): every other one, by index. */
  hiddenPosts: Set<number>;
  locations: Map<string, number>;
}

/** The apps' rows' ids, by their place in the file; hides every other wall post (K2), which the file cannot say. */
async function readAppIds(db: Connection["db"], org: OrgFile): Promise<AppIds> {
  const hiddenBodies = (org.wallPosts ?? []).filter((_, i) => i % 2 === 1).map((p) => p.body);
  for (const body of hiddenBodies) {
    await db.update(wallPosts).set({ hiddenAt: new Date(), hiddenReason: "A reason" }).where(eq(wallPosts.body, body));
  }
  const [ideaRows, postRows, queryRows, locationRows] = await Promise.all([
    db.select({ id: ideas.id, title: ideas.title }).from(ideas),
    db.select({ id: wallPosts.id, body: wallPosts.body }).from(wallPosts),
    db.select({ id: orgQueries.id, title: orgQueries.title }).from(orgQueries),
    db.select({ id: locations.id, key: locations.key }).from(locations),
  ]);
  const idBy = (rows: { id: string; text: string }[], texts: string[]) => texts.map((t) => rows.find((r) => r.text === t)!.id);
  return {
    ideas: idBy(ideaRows.map((r) => ({ id: r.id, text: r.title })), (org.ideas ?? []).map((i) => i.title)),
    wallPosts: idBy(postRows.map((r) => ({ id: r.id, text: r.body })), (org.wallPosts ?? []).map((p) => p.body)),
    queries: idBy(queryRows.map((r) => ({ id: r.id, text: r.title })), (org.queries ?? []).map((q) => q.title)),
    hiddenPosts: new Set((org.wallPosts ?? []).flatMap((_, i) => (i % 2 === 1 ? [i] : []))),
    locations: new Map(locationRows.map((r) => [r.key, r.id])),
  };
}

/**
 * Every directory and app surface for one person: profiles and following (E2 E4 E5 K4), the
 * people, teams and locations directories (P5 P6 E5), Ideas, the Message Wall and Queries
 * (G4 G8 K2 K3 E5), each against the model, with the switches and apps the organisation drew.
 */
function checkDirectoriesAndApps(ctx: {
  org: OrgFile;
  m: PersonModel;
  viewer: AccessSubject;
  self: { id: string; email: string };
  personRows: { id: string; email: string }[];
  ids: AppIds;
  same: (surface: string, expected: unknown, actual: unknown) => void;
}): Promise<unknown>[] {
  const { org, m, viewer, self, personRows, ids, same } = ctx;
  const emailOf = new Map(personRows.map((r) => [r.id, r.email.toLowerCase()]));
  const lowerAll = (emails: string[]) => sorted(emails.map((e) => e.toLowerCase()));

  const checkProfile = async (p: { id: string; email: string }) => {
    const [answer, follow] = await Promise.all([getProfile(viewer, p.id), can(viewer, "person.follow", { kind: "person", id: p.id })]);
    const may = m.mayViewProfile(p.email);
    same(`getProfile("${p.email}").status (E2 E4 E5)`, may ? "ok" : "not-found", answer.status);
    same(`can("person.follow", "${p.email}") (K4 E4 E5)`, may && p.id !== self.id, follow);
  };

  const checkPeopleDirectory = async () => {
    const browse = await can(viewer, "people.browse", null);
    const expected = m.directoryPeople();
    same(`can("people.browse") (P6 E4 E5)`, expected !== null, browse);
    if (expected === null) return;
    const listed = await listPeople(viewer, { q: "", team: null, location: null, audience: "all", after: null }, 1000);
    same("listPeople (P6 E4 E5)", lowerAll(expected), sorted(listed.items.map((i) => i.email.toLowerCase())));
  };

  const checkTeam = async (t: OrgFile["teams"][number]) => {
    const answer = await getTeamPage(viewer, t.key);
    same(`getTeamPage("${t.key}").status (P5 E5)`, m.maySeeTeam(t.key) ? "ok" : "forbidden", answer.status);
    if (answer.status !== "ok") return;
    same(`getTeamPage("${t.key}").grantsSections (S2 C3)`, m.sectionsGrantedByTeam(t.key), answer.value.grantsSections.map((x) => x.slug).sort());
    const byEmail = (a: { email: string }, b: { email: string }) => (a.email < b.email ? -1 : 1);
    const members = org.people.filter((p) => (p.teams ?? []).includes(t.key)).map((p) => ({ email: p.email.toLowerCase(), linked: m.mayViewProfile(p.email) }));
    same(`getTeamPage("${t.key}").members' profile links (P6 E4 E5)`, members.sort(byEmail), answer.value.members.map((x) => ({ email: x.email.toLowerCase(), linked: x.linked })).sort(byEmail));
  };

  const checkTeams = async () => {
    same("canViewTeams (P5 E5)", m.mayOpenTeams(), await canViewTeams(viewer));
  };

  const checkLocations = async () => {
    const uses = m.mayUseApp("locations");
    const [page, browse] = await Promise.all([listLocations(viewer), can(viewer, "locations.browse", null)]);
    same(`can("locations.browse") (P6 E5)`, uses, browse);
    const expected = uses ? org.locations.map((l) => ({ name: l.name, people: m.peopleAtLocation(l.key)?.length ?? null })) : null;
    same("listLocations (P6 E5)", expected, page ? page.locations.map((l) => ({ name: l.name, people: l.peopleCount })) : null);
    await Promise.all(
      org.locations.map(async (l) => {
        const answer = await getLocation(viewer, ids.locations.get(l.key)!);
        same(`getLocation("${l.key}").status (P6 E5)`, uses ? "ok" : "not-found", answer.status);
        if (answer.status === "ok") {
          const people = answer.value.people === null ? null : sorted(answer.value.people.map((p) => emailOf.get(p.id)!));
          same(`getLocation("${l.key}").people (P6 E4 E5)`, m.peopleAtLocation(l.key)?.map((e) => e.toLowerCase()) ?? null, people);
        }
      }),
    );
  };

  const checkIdeas = async () => {
    const uses = m.mayUseApp("ideas");
    const [use, moderate, listed] = await Promise.all([
      can(viewer, "ideas.use", null),
      can(viewer, "ideas.moderate", null),
      listIdeas(viewer, { sort: "newest", status: null, after: null }, 1000),
    ]);
    same(`can("ideas.use") (G4 E4 E5)`, uses, use);
    same(`can("ideas.moderate") (G8)`, m.moderatesApp("ideas"), moderate);
    same("listIdeas newest first (G4 E5)", uses ? [...ids.ideas].reverse() : [], listed.items.map((i) => i.id));
    await Promise.all(
      ids.ideas.map(async (id, i) => {
        const [answer, vote, edit] = await Promise.all([getIdea(viewer, id), can(viewer, "idea.vote", { kind: "idea", id }), can(viewer, "idea.edit", { kind: "idea", id })]);
        same(`getIdea(${i}).status (G4 E5)`, uses ? "ok" : "not-found", answer.status);
        if (answer.status === "ok") same(`getIdea(${i}) controls (G4 G8)`, { mayEdit: m.mayEditIdea(i), mayModerate: m.moderatesApp("ideas") }, { mayEdit: answer.value.mayEdit, mayModerate: answer.value.mayModerate });
        same(`can("idea.vote", ${i}) (G8 E5)`, uses, vote);
        same(`can("idea.edit", ${i}) (G4 G8)`, m.mayEditIdea(i), edit);
      }),
    );
  };

  const checkWall = async () => {
    const uses = m.mayUseApp("messageWall");
    const [use, moderate, listed] = await Promise.all([can(viewer, "wall.use", null), can(viewer, "wall.moderate", null), listWallPosts(viewer, null, { limit: 1000 })]);
    same(`can("wall.use") (G4 E4 E5)`, uses, use);
    same(`can("wall.moderate") (K2 K3)`, m.moderatesApp("messageWall"), moderate);
    const expectedPost = (i: number) => {
      const hidden = ids.hiddenPosts.has(i);
      const mayDelete = m.mayDeleteWallPost(i);
      return { id: ids.wallPosts[i], readable: m.mayReadWallPost(i, hidden), mayEdit: mayDelete && !hidden, mayDelete, mayReport: m.mayReportWallPost(i, hidden), mayModerate: m.moderatesApp("messageWall") };
    };
    same(
      "listWallPosts newest first, with what each shows and offers (G4 K2 K3 E5)",
      uses ? ids.wallPosts.map((_, i) => expectedPost(i)).reverse() : null,
      listed ? listed.items.map((p) => ({ id: p.id, readable: p.body !== null, mayEdit: p.mayEdit, mayDelete: p.mayDelete, mayReport: p.mayReport, mayModerate: p.mayModerate })) : null,
    );
    await Promise.all(
      ids.wallPosts.map(async (id, i) => {
        const hidden = ids.hiddenPosts.has(i);
        const resource = { kind: "wallPost" as const, id };
        const [view, favourite, del, report] = await Promise.all([
          can(viewer, "wallPost.view", resource),
          can(viewer, "wallPost.favourite", resource),
          can(viewer, "wallPost.delete", resource),
          can(viewer, "wallPost.report", resource),
        ]);
        same(`can("wallPost.view/favourite/delete/report", ${i}${hidden ? ", hidden" : ""}) (G4 K2 K3 K4)`, [uses, m.mayReadWallPost(i, hidden), m.mayDeleteWallPost(i), m.mayReportWallPost(i, hidden)], [view, favourite, del, report]);
      }),
    );
  };

  const checkQueries = async () => {
    const uses = m.mayUseApp("queries");
    const [use, moderate, all, queue] = await Promise.all([
      can(viewer, "queries.use", null),
      can(viewer, "queries.moderate", null),
      listQueries(viewer, { status: "all", scope: "all", before: null }, 1000),
      listQueries(viewer, { status: "all", scope: "queue", before: null }, 1000),
    ]);
    same(`can("queries.use") (G4 E4 E5)`, uses, use);
    same(`can("queries.moderate") (G8)`, m.moderatesApp("queries"), moderate);
    same("listQueries newest first (G4 E5)", uses ? [...ids.queries].reverse() : [], all.items.map((q) => q.id));
    same("listQueries, my teams' queue (G8 P5)", uses ? ids.queries.filter((_, i) => m.queryInMyQueue(i)).reverse() : [], queue.items.map((q) => q.id));
    await Promise.all(
      ids.queries.map(async (id, i) => {
        const [answer, mayAnswer, mayAccept] = await Promise.all([getQueryPage(viewer, id), can(viewer, "query.answer", { kind: "query", id }), can(viewer, "query.accept", { kind: "query", id })]);
        same(`getQueryPage(${i}).status (G4 E5)`, uses ? "ok" : "not-found", answer.status);
        if (answer.status === "ok") same(`getQueryPage(${i}) controls vs can() (G8)`, { mayAnswer, mayAccept }, { mayAnswer: answer.value.mayAnswer, mayAccept: answer.value.mayAccept });
        same(`can("query.answer/accept", ${i}) (G8 P5)`, [m.mayAnswerQuery(i), m.mayAcceptQuery(i)], [mayAnswer, mayAccept]);
      }),
    );
  };

  return [
    ...personRows.map(checkProfile),
    checkPeopleDirectory(),
    checkTeams(),
    ...org.teams.map(checkTeam),
    checkLocations(),
    checkIdeas(),
    checkWall(),
    checkQueries(),
  ];
}

function describePerson(org: OrgFile, m: PersonModel): string {
  const p = org.people.find((x) => x.email === m.email)!;
  return `${m.email} (${JSON.stringify(p)}${m.isWebmaster ? ", webmaster" : ""})`;
}

// ---------------------------------------------------------------------------------

describe("organisation generator", () => {
  it("makes only organisation files that parseOrgFile accepts, unchanged", () => {
    for (const org of fc.sample(orgArb, { numRuns: 500, seed: 42 })) {
      const parsed = parseOrgFile(org);
      if (!parsed.ok) throw new Error(`${JSON.stringify(parsed.problems)}\n${JSON.stringify(org)}`);
      expect(parsed.org).toEqual(org);
    }
  });

  it("gives every person a password, and titles no other text contains", () => {
    for (const org of fc.sample(orgArb, { numRuns: 200, seed: 3 })) {
      expect(org.people.every((p) => (p.password ?? "").length >= 8)).toBe(true);
      const titles = [...org.sections.map((s) => s.title), ...org.content.map((c) => c.title)];
      expect(new Set(titles).size).toBe(titles.length);
      for (const title of titles) expect(title.match(TITLE_PATTERN)).toEqual([title]);
      // Apart from the titles themselves, no text of the organisation holds a title, or part of one.
      const { sections: secs, content: items, ...rest } = org;
      const otherText = JSON.stringify([rest, secs.map(({ title: _t, ...s }) => s), items.map(({ title: _t, ...c }) => c)]);
      expect(otherText.match(TITLE_PATTERN)).toBeNull();
      for (const a of titles) for (const b of titles) if (a !== b) expect(b.includes(a)).toBe(false);
    }
  });

  it("covers the interesting cases", () => {
    const orgs = fc.sample(orgArb, { numRuns: 200, seed: 7 });
    const some = (f: (o: OrgFile) => boolean) => orgs.filter(f).length;
    expect(some((o) => o.people.some((p) => p.roles?.includes("webmaster")))).toBeGreaterThan(20);
    expect(some((o) => o.people.some((p) => p.audience === "external"))).toBeGreaterThan(20);
    expect(some((o) => o.sections.some((s) => s.restricted && s.parent !== null))).toBeGreaterThan(20);
    expect(some((o) => o.sections.some((s) => s.teams?.some((t) => t.includeChildren)))).toBeGreaterThan(20);
    expect(some((o) => o.content.some((c) => c.group !== undefined && c.sharedInto?.length))).toBeGreaterThan(5);
    expect(some((o) => o.groups.some((g) => g.visibility === "secret"))).toBeGreaterThan(20);
    expect(some((o) => o.settings?.externalAccess?.groups === true)).toBeGreaterThan(20);
    // The directories and apps (P6 E5 G4 G8): each switch on, apps turned off, entries of each app.
    for (const app of ["users", "teams", "locations", "ideas", "messageWall", "queries"] as const) {
      expect(some((o) => o.settings?.externalAccess?.[app] === true && o.people.some((p) => p.audience === "external"))).toBeGreaterThan(15);
    }
    expect(some((o) => Object.values(o.settings?.appsEnabled ?? {}).includes(false))).toBeGreaterThan(20);
    expect(some((o) => (o.ideas ?? []).some((i) => i.status !== "new"))).toBeGreaterThan(20);
    expect(some((o) => (o.wallPosts ?? []).length > 1)).toBeGreaterThan(20);
    expect(some((o) => (o.queries ?? []).some((q) => o.teams.some((t) => t.parent === q.team)))).toBeGreaterThan(5);
    expect(some((o) => (o.appModerators?.queries ?? []).length > 0 && (o.queries ?? []).length > 0)).toBeGreaterThan(10);
    expect(some((o) => o.people.some((p) => p.location !== undefined && p.blocked))).toBeGreaterThan(10);
  });
});

describe("group files drawn for the organisations (G7)", () => {
  it("cover the interesting cases: every visibility, uploaders who are members, admins, gone or none, several versions", () => {
    const orgs = fc.sample(orgWithFilesArb, { numRuns: 200, seed: 11 });
    const files = orgs.flatMap((o) => o.groups.flatMap((g) => (g.files ?? []).map((f) => ({ o, g, f }))));
    const member = (g: OrgFile["groups"][number], email: string | undefined, admin = false) => g.members.some((m) => m.person === email && (!admin || m.admin));
    const some = (test: (x: (typeof files)[number]) => boolean) => files.filter(test).length;
    for (const visibility of ["public", "private", "secret"]) expect(some(({ g }) => g.visibility === visibility)).toBeGreaterThan(20);
    expect(some(({ g, f }) => member(g, f.uploader) && !member(g, f.uploader, true))).toBeGreaterThan(10);
    expect(some(({ g, f }) => member(g, f.uploader, true))).toBeGreaterThan(10);
    expect(some(({ g, f }) => f.uploader !== undefined && !member(g, f.uploader))).toBeGreaterThan(10);
    expect(some(({ f }) => f.uploader === undefined)).toBeGreaterThan(5);
    expect(some(({ f }) => f.versions.length > 1)).toBeGreaterThan(20);
    expect(orgs.filter((o) => o.groups.some((g) => (g.files ?? []).length > 1)).length).toBeGreaterThan(10);
  });
});

describe("reference model (examples from the rules)", () => {
  const person = (email: string, audience: "organisational" | "external", extra: Partial<OrgFile["people"][number]> = {}) => ({
    email,
    name: email,
    audience,
    ...extra,
  });
  const section = (slug: string, parent: string | null, extra: Partial<OrgFile["sections"][number]> = {}) => ({
    slug,
    title: slug,
    parent,
    restricted: false,
    ...extra,
  });
  const item = (key: string, extra: Partial<OrgFile["content"][number]>): OrgFile["content"][number] => ({
    key,
    type: "news",
    title: key,
    body: "",
    author: "author@x.org",
    status: "published",
    ...extra,
  });
  const org = (parts: Partial<OrgFile>): OrgFile => {
    const o = { teams: [], locations: [], people: [], sections: [], content: [], groups: [], ...parts };
    const parsed = parseOrgFile(o);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.org;
  };

  const base = org({
    teams: [
      { key: "ops", name: "Ops", parent: null },
      { key: "ops-north", name: "Ops North", parent: "ops" },
      { key: "ops-north-east", name: "Ops North East", parent: "ops-north" },
      { key: "hr", name: "HR", parent: null },
    ],
    people: [
      person("staff@x.org", "organisational"),
      person("web@x.org", "organisational", { roles: ["webmaster"] }),
      person("ext@x.org", "external"),
      person("north@x.org", "external", { teams: ["ops-north-east"] }),
      person("ops@x.org", "external", { teams: ["ops"] }),
      person("hr@x.org", "external", { teams: ["hr"] }),
      person("editor@x.org", "external"),
      person("author@x.org", "organisational"),
    ],
    sections: [
      section("open", null),
      section("open-child", "open"),
      section("secret", null, { restricted: true, teams: [{ team: "ops", includeChildren: true }, { team: "hr", includeChildren: false }] }),
      section("secret-child", "secret"),
      section("secret-grandchild", "secret-child"),
      section("narrow", null, { restricted: true, teams: [{ team: "ops", includeChildren: false }] }),
      section("closed-under-open", "open", { restricted: true, roles: [{ person: "editor@x.org", role: "editor" }] }),
      section("below-closed", "closed-under-open"),
      section("ext-only", "secret-child", { members: ["ext@x.org"] }),
    ],
    groups: [
      { slug: "pub", name: "Pub", description: "", visibility: "public", members: [{ person: "author@x.org", admin: true }] },
      { slug: "priv", name: "Priv", description: "", visibility: "private", members: [{ person: "ext@x.org", admin: true }] },
      { slug: "hush", name: "Hush", description: "", visibility: "secret", members: [{ person: "hr@x.org" }] },
    ],
    content: [
      item("open-news", { section: "open", publishedAt: "2026-01-01T10:00:00Z" }),
      item("secret-news", { section: "secret-child", publishedAt: "2026-01-01T11:00:00Z" }),
      item("shared-news", { section: "secret", sharedInto: ["ext-only"], publishedAt: "2026-01-01T12:00:00Z" }),
      item("draft", { section: "below-closed", status: "draft" }),
      item("pub-post", { group: "pub", publishedAt: "2026-01-01T09:00:00Z" }),
      item("priv-post", { group: "priv" }),
      item("hush-post", { group: "hush" }),
      item("hush-shared", { group: "hush", sharedInto: ["open"], publishedAt: "2026-01-01T08:00:00Z" }),
      item("group-draft", { group: "priv", status: "draft", author: "staff@x.org" }),
    ],
  });
  const m = referenceModel(base);

  it("S5: an organisational user sees unrestricted sections, and nothing under a restricted one", () => {
    const staff = m.forPerson("staff@x.org");
    expect(staff.visibleSections()).toEqual(["open", "open-child"]);
    expect(staff.canViewSection("below-closed")).toBe(false); // restricted ancestor
  });

  it("S4, C7, G6: a webmaster sees every section, drafts and group content", () => {
    const web = m.forPerson("web@x.org");
    expect(web.isWebmaster).toBe(true);
    expect(web.visibleSections()).toEqual(base.sections.map((s) => s.slug));
    expect(base.content.every((c) => web.canViewItem(c.key))).toBe(true);
  });

  it("S6: an external user sees only sections they are a member of; Restricted makes no difference", () => {
    const ext = m.forPerson("ext@x.org");
    expect(ext.visibleSections()).toEqual(["ext-only"]);
    expect(ext.canViewSection("open")).toBe(false);
    expect(ext.reachableSections()).toEqual(["ext-only"]);
  });

  it("S2, S3: a team added with children grants descendant teams' members, with cascade", () => {
    const north = m.forPerson("north@x.org");
    expect(north.visibleSections()).toEqual(["secret", "secret-child", "secret-grandchild", "ext-only"]);
    expect(north.canViewSection("narrow")).toBe(false); // ops added without children
    expect(m.forPerson("ops@x.org").visibleSections()).toEqual(["secret", "secret-child", "secret-grandchild", "narrow", "ext-only"]);
    expect(m.forPerson("hr@x.org").visibleSections()).toEqual(["secret", "secret-child", "secret-grandchild", "ext-only"]);
    expect(north.reachableSections()).toEqual(["secret"]);
  });

  it("S7: a role implies membership and cascades", () => {
    const editor = m.forPerson("editor@x.org");
    expect(editor.visibleSections()).toEqual(["closed-under-open", "below-closed"]);
    expect(editor.reachableSections()).toEqual(["closed-under-open"]);
    expect(editor.canViewItem("draft")).toBe(true); // editor of an ancestor of the home section
  });

  it("C2: an item is visible through its home or any section it is shared into", () => {
    expect(m.forPerson("ext@x.org").canViewItem("shared-news")).toBe(true);
    expect(m.forPerson("ext@x.org").canViewItem("secret-news")).toBe(false);
    expect(m.forPerson("staff@x.org").canViewItem("shared-news")).toBe(false);
    expect(m.forPerson("north@x.org").visiblePublishedItems()).toEqual(["shared-news", "secret-news"]);
  });

  it("C2: drafts only for their author and editors/managers of the home section", () => {
    expect(m.forPerson("author@x.org").canViewItem("draft")).toBe(true); // author, although the section is hidden
    expect(m.forPerson("staff@x.org").canViewItem("draft")).toBe(false);
    expect(m.forPerson("author@x.org").myContent()).toContain("draft");
    expect(m.forPerson("author@x.org").myContent()).not.toContain("secret-news"); // wrote it, cannot view it
  });

  it("G1, G3: public groups for staff, and for externals only with the Groups switch", () => {
    expect(m.forPerson("staff@x.org").canViewItem("pub-post")).toBe(true);
    expect(m.forPerson("ext@x.org").canViewItem("pub-post")).toBe(false);
    const open = referenceModel({ ...base, settings: { externalAccess: { groups: true } } });
    expect(open.forPerson("ext@x.org").canViewItem("pub-post")).toBe(true);
    expect(open.forPerson("north@x.org").canViewItem("priv-post")).toBe(false);
  });

  it("G1: private and secret group content for members; secret answers 404 to others", () => {
    const ext = m.forPerson("ext@x.org");
    expect(ext.canViewItem("priv-post")).toBe(true);
    expect(m.forPerson("staff@x.org").canViewItem("priv-post")).toBe(false);
    expect(m.forPerson("staff@x.org").hiddenItemAnswer("priv-post")).toBe("forbidden");
    expect(m.forPerson("hr@x.org").canViewItem("hush-post")).toBe(true);
    expect(ext.canViewItem("hush-post")).toBe(false);
    expect(ext.hiddenItemAnswer("hush-post")).toBe("not-found");
    // C2: shared into a section they can view
    expect(m.forPerson("staff@x.org").canViewItem("hush-shared")).toBe(true);
  });

  it("G2, G5: members and webmasters post in a group; external members too, whatever the switch", () => {
    expect(m.forPerson("author@x.org").mayPostInGroup("pub")).toBe(true); // its admin
    expect(m.forPerson("ext@x.org").mayPostInGroup("priv")).toBe(true); // an external member, switch off
    expect(m.forPerson("hr@x.org").mayPostInGroup("hush")).toBe(true);
    expect(m.forPerson("staff@x.org").mayPostInGroup("pub")).toBe(false); // reads a public group, not a member
    expect(m.forPerson("web@x.org").mayPostInGroup("hush")).toBe(true);
  });

  it("G5, G6: a group item is changed by its author while a member, the group's admins and webmasters", () => {
    expect(m.forPerson("author@x.org").mayChangeGroupItem("pub-post")).toBe(true); // author and admin
    expect(m.forPerson("author@x.org").mayChangeGroupItem("priv-post")).toBe(false); // author, not (or no longer) a member
    expect(m.forPerson("ext@x.org").mayChangeGroupItem("priv-post")).toBe(true); // the group's admin
    expect(m.forPerson("ext@x.org").mayChangeGroupItem("group-draft")).toBe(true);
    expect(m.forPerson("hr@x.org").mayChangeGroupItem("hush-post")).toBe(false); // a member, not its author
    expect(m.forPerson("web@x.org").mayChangeGroupItem("hush-post")).toBe(true);
    expect(m.forPerson("web@x.org").mayChangeGroupItem("open-news")).toBeNull(); // homed in a section: not modelled
  });

  it("G7: a group's files are for who reads its content; 404 where the group is not to be known, else 403", () => {
    const files = referenceModel({
      ...base,
      groups: base.groups.map((g) => ({ ...g, files: [{ name: `${g.slug}.pdf`, uploader: g.members[0]!.person, versions: [{ path: "a.pdf" }] }] })),
    });
    expect(files.forPerson("staff@x.org").groupFilesAnswer("pub")).toBe("ok");
    expect(files.forPerson("staff@x.org").groupFilesAnswer("priv")).toBe("forbidden");
    expect(files.forPerson("staff@x.org").groupFilesAnswer("hush")).toBe("not-found"); // G1: secret
    expect(files.forPerson("hr@x.org").groupFilesAnswer("hush")).toBe("ok"); // a member
    expect(files.forPerson("ext@x.org").groupFilesAnswer("pub")).toBe("not-found"); // G3: no Groups switch
    expect(files.forPerson("web@x.org").groupFilesAnswer("hush")).toBe("ok");
    expect(files.forPerson("ext@x.org").mayUploadTo("priv")).toBe(true); // G2: a member
    expect(files.forPerson("staff@x.org").mayUploadTo("pub")).toBe(false); // reads it, is no member
    expect(files.forPerson("web@x.org").mayUploadTo("hush")).toBe(true); // G5
  });

  it("G7: the uploader while a member, the group's admins and webmasters manage a file; no other member", () => {
    const org: OrgFile = {
      ...base,
      groups: [
        {
          slug: "club",
          name: "Club",
          description: "",
          visibility: "public",
          members: [{ person: "author@x.org", admin: true }, { person: "staff@x.org" }, { person: "ext@x.org" }],
          files: [
            { name: "mine.pdf", uploader: "staff@x.org", versions: [{ path: "a.pdf" }] },
            { name: "left.pdf", uploader: "hr@x.org", versions: [{ path: "a.pdf" }] }, // hr@ has left the group
            { name: "nobody.pdf", versions: [{ path: "a.pdf", uploader: null }] },
          ],
        },
      ],
    };
    const m = referenceModel(org);
    expect(m.forPerson("staff@x.org").mayManageFile("club", "mine.pdf")).toBe(true);
    expect(m.forPerson("staff@x.org").mayManageFile("club", "left.pdf")).toBe(false);
    expect(m.forPerson("hr@x.org").mayManageFile("club", "left.pdf")).toBe(false);
    expect(m.forPerson("ext@x.org").mayManageFile("club", "mine.pdf")).toBe(false);
    for (const name of ["mine.pdf", "left.pdf", "nobody.pdf"]) {
      expect(m.forPerson("author@x.org").mayManageFile("club", name)).toBe(true); // the group's admin
      expect(m.forPerson("web@x.org").mayManageFile("club", name)).toBe(true); // G5
    }
  });

  it("K1 K2: who comments (viewers of a published item) and who moderates (managers of the home, cascading; group admins; webmasters)", () => {
    const withManager = referenceModel({
      ...base,
      sections: base.sections.map((s) => (s.slug === "secret" ? { ...s, roles: [{ person: "north@x.org", role: "manager" as const }] } : s)),
    });
    expect(m.forPerson("ext@x.org").mayComment("shared-news")).toBe(true); // E3: an external viewer
    expect(m.forPerson("staff@x.org").mayComment("shared-news")).toBe(false); // cannot view it
    expect(m.forPerson("author@x.org").mayComment("draft")).toBe(false); // views it, a draft
    expect(withManager.forPerson("north@x.org").mayModerateComments("secret-news")).toBe(true); // manager above the home (S7)
    expect(withManager.forPerson("north@x.org").mayModerateComments("shared-news")).toBe(true); // homed in "secret"
    expect(m.forPerson("editor@x.org").mayModerateComments("draft")).toBe(false); // editors do not moderate
    expect(m.forPerson("ext@x.org").mayModerateComments("priv-post")).toBe(true); // the group's admin
    expect(m.forPerson("hr@x.org").mayModerateComments("hush-post")).toBe(false); // a member
    expect(m.forPerson("web@x.org").mayModerateComments("hush-post")).toBe(true);
  });

  it("G6: group drafts: author and group admins only", () => {
    expect(m.forPerson("staff@x.org").canViewItem("group-draft")).toBe(true); // author
    expect(m.forPerson("ext@x.org").canViewItem("group-draft")).toBe(true); // group admin
    expect(m.forPerson("hr@x.org").canViewItem("group-draft")).toBe(false);
  });

  // Directories, profiles and apps.
  const withApps = (settings: OrgFile["settings"]) =>
    referenceModel(
      org({
        ...base,
        settings,
        people: [...base.people, person("gone@x.org", "organisational", { blocked: true }), person("mod@x.org", "organisational")],
        teams: base.teams.map((t) => (t.key === "ops" ? { ...t, acceptsQueries: true } : t)),
        appModerators: { ideas: ["mod@x.org"], queries: ["gone@x.org"] },
        ideas: [{ title: "An idea", description: "", author: "staff@x.org", status: "new" }, { title: "Planned", description: "", author: "staff@x.org", status: "planned", statusBy: "mod@x.org" }],
        wallPosts: [{ author: "staff@x.org", body: "Hello" }],
        queries: [{ title: "Where?", body: "Where is it?", asker: "staff@x.org", team: "ops" }],
      }),
    );

  it("E2 E4 E5: one's own profile always; others' for staff, and for externals with the Users switch; a blocked person's for webmasters", () => {
    const off = withApps({});
    expect(off.forPerson("ext@x.org").mayViewProfile("ext@x.org")).toBe(true);
    expect(off.forPerson("ext@x.org").mayViewProfile("staff@x.org")).toBe(false);
    expect(off.forPerson("ext@x.org").directoryPeople()).toBeNull();
    expect(withApps({ externalAccess: { users: true } }).forPerson("ext@x.org").mayViewProfile("staff@x.org")).toBe(true);
    expect(off.forPerson("staff@x.org").mayViewProfile("gone@x.org")).toBe(false);
    expect(off.forPerson("web@x.org").mayViewProfile("gone@x.org")).toBe(true);
    expect(off.forPerson("staff@x.org").directoryPeople()).not.toContain("gone@x.org");
  });

  it("P5 E5: externals open teams with the Teams switch, or the teams they administer and those below", () => {
    const off = withApps({});
    expect(off.forPerson("ext@x.org").mayOpenTeams()).toBe(false);
    expect(withApps({ externalAccess: { teams: true } }).forPerson("ext@x.org").maySeeTeam("hr")).toBe(true);
    expect(off.forPerson("staff@x.org").sectionsGrantedByTeam("ops-north")).toEqual([]); // restricted: staff cannot view them
    expect(off.forPerson("web@x.org").sectionsGrantedByTeam("ops-north")).toEqual(["secret"]); // "ops" added with children; "narrow" without
  });

  it("G4 G8 E5: an app is for staff, for externals with its switch, and for nobody once turned off; its moderators are webmasters and the unblocked people named", () => {
    const on = withApps({ externalAccess: { ideas: true } });
    expect(on.forPerson("ext@x.org").mayUseApp("ideas")).toBe(true);
    expect(on.forPerson("ext@x.org").mayUseApp("messageWall")).toBe(false);
    const off = withApps({ appsEnabled: { ideas: false } });
    expect(off.forPerson("web@x.org").mayUseApp("ideas")).toBe(false);
    expect(off.forPerson("mod@x.org").moderatesApp("ideas")).toBe(false);
    expect(on.forPerson("mod@x.org").moderatesApp("ideas")).toBe(true);
    expect(on.forPerson("gone@x.org").moderatesApp("queries")).toBe(false);
    expect(on.forPerson("staff@x.org").mayEditIdea(0)).toBe(true); // new: its author's
    expect(on.forPerson("staff@x.org").mayEditIdea(1)).toBe(false); // planned: the moderators'
    expect(on.forPerson("mod@x.org").mayEditIdea(1)).toBe(true);
  });

  it("G8 P5 K2 K3: a query is answered by its team's and child teams' members; a hidden wall post is read by its author and moderators only", () => {
    const on = withApps({ externalAccess: { queries: true, messageWall: true } });
    expect(on.forPerson("north@x.org").mayAnswerQuery(0)).toBe(true); // ops-north-east is below ops
    expect(on.forPerson("hr@x.org").mayAnswerQuery(0)).toBe(false);
    expect(withApps({}).forPerson("north@x.org").mayAnswerQuery(0)).toBe(false); // no Queries switch
    expect(on.forPerson("staff@x.org").mayAcceptQuery(0)).toBe(true);
    expect(on.forPerson("ext@x.org").mayReadWallPost(0, true)).toBe(false);
    expect(on.forPerson("staff@x.org").mayReadWallPost(0, true)).toBe(true);
    expect(on.forPerson("web@x.org").mayReadWallPost(0, true)).toBe(true);
    expect(on.forPerson("staff@x.org").mayReportWallPost(0, false)).toBe(false); // one's own
    expect(on.forPerson("ext@x.org").mayReportWallPost(0, false)).toBe(true);
  });
});

describe("access surfaces agree with the reference model (S2–S7, C2–C5, G1–G3, G5–G7)", () => {
  const connection = randomOrgDatabase();

  // About 2.7 s an organisation on a busy two-core machine: room for that, never less than ten minutes.
  it(`holds for ${NUM_RUNS} random organisations`, { timeout: Math.max(600_000, NUM_RUNS * 6_000) }, async () => {
    const started = Date.now();
    await fc.assert(
      // No sign-in here: without passwords the load skips argon2id hashing.
      fc.asyncProperty(orgWithFilesArb, async (org) => {
        await checkOrganisation(connection(), org);
      }),
      // In CI a failure is reported as found: shrinking a hundred-odd organisations can outlast
      // the timeout and hide the message (it did, for a driver fault that failed by chance).
      { numRuns: NUM_RUNS, endOnFailure: process.env.CI === "true", ...(SEED === undefined ? {} : { seed: SEED }) },
    );
    console.info(`model.test: ${NUM_RUNS} organisations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
