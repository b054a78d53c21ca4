/**
 * The organisation file (docs/ORG-FILE.md): its shape as a zod schema, and the
 * cross-reference rules checked before anything is written. Every problem is reported
 * with its JSON path, so a broken file can be fixed in one pass.
 */
import { z } from "zod";
import { optionalTagList } from "../tags/schemas";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../auth/password-rules";
import { ACCEPTED_EXTENSIONS, extensionOf, kindOfName } from "../group-docs/file-types";
import { fileName } from "../group-docs/schemas";
import { type ProfileTextField, profileTextProblem } from "../people/profile-fields";
import { UPLOAD_PATH_PREFIX } from "../uploads/paths";

const key = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters");
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters, digits and single hyphens (it is used in addresses)")
  .max(100, "must be at most 100 characters");
const name = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const email = z.email("must be a valid e-mail address").max(254, "must be at most 254 characters");
const isoDateTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date and time, e.g. 2026-11-02T09:30:00Z" });

/**
 * G7: a group's file and its versions, oldest first. Each version's bytes are a file on
 * disk, `path` relative to the organisation file's own folder (lib/org-file/contents.ts
 * checks them there: present, readable, within the size limit, of the name's type).
 */
const groupFile = z.strictObject({
  /** The name people see, with the extension that gives its type (lib/group-docs/file-types.ts). */
  name: fileName,
  /** Who uploaded it, and so may add versions, rename and delete it while a member (G7). */
  uploader: email.optional(),
  /** D4: what the file is about, searched with its name and text. */
  description: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
  /** D7 */
  tags: optionalTagList,
  versions: z
    .array(
      z.strictObject({
        path: z.string().trim().min(1, "must not be empty").max(1000, "must be at most 1000 characters"),
        /** Left out: the file's uploader; null: not known (the account was deleted). */
        uploader: email.nullable().optional(),
        uploadedAt: isoDateTime.optional(),
      }),
    )
    .min(1, "a file needs at least one version"),
});

/**
 * C1: one saved version of an item, as `content_versions` holds it: what was saved, by whom
 * (`editor` null: the account was since deleted; the name stays), and the type's own fields.
 */
const contentVersion = z.strictObject({
  title: name,
  body: z.string().max(200_000),
  status: z.enum(["published", "draft"]),
  details: z
    .strictObject({
      event: z.strictObject({ startsAt: isoDateTime.nullable(), endsAt: isoDateTime.nullable(), place: z.string().max(300).nullable() }).optional(),
      poll: z.strictObject({ options: z.array(name) }).optional(),
      tags: z.array(z.string().max(100)).optional(),
    })
    .optional(),
  editor: email.nullable(),
  editorName: name,
  savedAt: isoDateTime,
});

/** A profile text field, held to the profile form's own rule (lib/people/profile-fields.ts). */
function profileText(field: ProfileTextField) {
  return z
    .string()
    .superRefine((v, ctx) => {
      const problem = profileTextProblem(field, v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .optional();
}

/** A file beside the organisation file: a relative path inside its folder. */
const filePath = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(1000, "must be at most 1000 characters")
  .superRefine((p, ctx) => {
    const problem = versionPathProblem(p);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/**
 * C6: an image an item's rich text shows. `id` is the one its body (or a version's body)
 * names it by, `/api/uploads/<id>`; on load the image gets a new id and the bodies are
 * rewritten to it. The bytes are a file beside the organisation file (./contents.ts checks
 * them as an upload is checked).
 */
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const contentImage = z.strictObject({
  id: z.string().regex(UPLOAD_ID, "must be the id the body names the image by (/api/uploads/<id>): a UUID in lowercase"),
  path: filePath,
});

/** The text by which rich text names an uploaded image: an image is the item's when that text is in its body or a version's. */
export const uploadReference = (id: string) => `${UPLOAD_PATH_PREFIX}${id}`;

export const orgFileSchema = z.strictObject({
  teams: z
    .array(z.strictObject({ key, name, parent: key.nullable(), /** The Queries app: people may send this team queries. */ acceptsQueries: z.boolean().optional() }))
    .default([]),
  locations: z
    .array(
      z.strictObject({
        key,
        name,
        /** P6: the postal address, one line per line (the directory's map link searches for it). */
        address: z.string().max(500).refine((v) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(v), "holds control characters").optional(),
      }),
    )
    .default([]),
  people: z
    .array(
      z.strictObject({
        email,
        name,
        audience: z.enum(["organisational", "external"]),
        roles: z.array(z.enum(["organisational", "external", "webmaster"])).optional(),
        // The one minimum for every password (lib/auth/password-rules.ts, P3).
        password: z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(PASSWORD_MAX_LENGTH).optional(),
        teams: z.array(key).optional(),
        teamAdmin: z.array(key).optional(),
        location: key.optional(),
        mobile: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/, "must be a telephone number").optional(),
        /** P6: show the mobile on the person's profile. */
        showMobile: z.boolean().optional(),
        blocked: z.boolean().optional(),
        // The profile (E3): the same limits as the profile form (lib/people/profile-fields.ts).
        jobTitle: profileText("jobTitle"),
        organisation: profileText("organisation"),
        workPhone: profileText("workPhone"),
        about: profileText("about"),
        /** The profile image: a PNG, JPEG or WebP file, its path relative to the organisation file's folder (re-encoded on load, E3). */
        image: filePath.optional(),
      }),
    )
    .default([]),
  sections: z
    .array(
      z.strictObject({
        slug,
        title: name,
        description: z.string().max(2000).optional(),
        parent: slug.nullable(),
        restricted: z.boolean(),
        members: z.array(email).optional(),
        teams: z.array(z.strictObject({ team: key, includeChildren: z.boolean() })).optional(),
        roles: z.array(z.strictObject({ person: email, role: z.enum(["manager", "editor", "author"]) })).optional(),
      }),
    )
    .default([]),
  content: z
    .array(
      z.strictObject({
        key,
        type: z.enum(["news", "policy", "page", "blog", "event", "poll"]),
        title: name,
        body: z.string().max(200_000),
        section: slug.optional(),
        group: slug.optional(),
        sharedInto: z.array(slug).optional(),
        author: email,
        status: z.enum(["published", "draft"]),
        options: z.array(name).optional(),
        /** E3: a poll's closing time, and who sees its results while it is open (after voting by default). */
        closesAt: isoDateTime.optional(),
        resultsShown: z.enum(["after_voting", "after_closing"]).optional(),
        publishedAt: isoDateTime.optional(),
        startsAt: isoDateTime.optional(),
        endsAt: isoDateTime.optional(),
        place: z.string().trim().max(300).optional(),
        /** D7: tags as people type them; stored normalised (lib/tags/schemas.ts). */
        tags: optionalTagList,
        /** When the item was made and last changed (the loading time when not given; D3's export gives both). */
        createdAt: isoDateTime.optional(),
        updatedAt: isoDateTime.optional(),
        /** C1: the item's history, oldest first, as its versions page lists it; the last is the item as it stands. */
        versions: z.array(contentVersion).min(1, "leave versions out rather than give none").optional(),
        /** C6: the uploaded images its body and versions show, each by the id they name it by, with its bytes' path. */
        images: z.array(contentImage).min(1, "leave images out rather than give none").optional(),
      }),
    )
    .default([]),
  groups: z
    .array(
      z.strictObject({
        slug,
        name,
        description: z.string().max(2000).default(""),
        visibility: z.enum(["public", "private", "secret"]),
        members: z.array(z.strictObject({ person: email, admin: z.boolean().optional() })).default([]),
        /** G1: pending requests to join (a private group's, usually), with the requester's optional note. */
        requests: z.array(z.strictObject({ person: email, message: z.string().trim().max(500).optional() })).optional(),
        /** G5: pending invitations, each from one of the group's admins (or a webmaster) when the inviter is known. */
        invitations: z.array(z.strictObject({ person: email, invitedBy: email.optional() })).optional(),
        files: z.array(groupFile).optional(),
      }),
    )
    .default([]),
  settings: z
    .strictObject({
      externalAccess: z
        .strictObject({
          groups: z.boolean(),
          ideas: z.boolean(),
          messageWall: z.boolean(),
          queries: z.boolean(),
          users: z.boolean(),
          teams: z.boolean(),
          locations: z.boolean(),
        })
        .partial()
        .optional(),
      /** Apps turned off for everyone (all on when left out). */
      appsEnabled: z.strictObject({ ideas: z.boolean(), messageWall: z.boolean(), queries: z.boolean() }).partial().optional(),
    })
    .optional(),
  /** G8: the people webmasters named moderators of each app (organisational people). */
  appModerators: z.strictObject({ ideas: z.array(email), messageWall: z.array(email), queries: z.array(email) }).partial().optional(),
  /** G4 G8: ideas, with who voted for and follows each. */
  ideas: z
    .array(
      z.strictObject({
        title: name,
        /** Rich text (C6), sanitised on load. */
        description: z.string().max(200_000).default(""),
        tags: optionalTagList,
        author: email,
        status: z.enum(["new", "under_review", "planned", "done", "declined"]).default("new"),
        statusNote: z.string().trim().max(1000).optional(),
        /** Who set the status (a moderator or webmaster), with a status other than "new"; left out: not known (D3). */
        statusBy: email.optional(),
        createdAt: isoDateTime.optional(),
        votes: z.array(email).optional(),
        followers: z.array(email).optional(),
      }),
    )
    .optional(),
  /** G4: Message Wall posts, newest last or in any order, with who favourited each. */
  wallPosts: z
    .array(
      z.strictObject({
        author: email,
        body: z.string().trim().min(1, "must not be empty").max(500, "must be at most 500 characters"),
        createdAt: isoDateTime.optional(),
        favourites: z.array(email).optional(),
      }),
    )
    .optional(),
  /** G4 G8: queries to teams (that accept them, or did when asked), with their answers; one answer may be accepted (the query is then resolved). */
  queries: z
    .array(
      z.strictObject({
        title: name,
        body: z.string().trim().min(1, "must not be empty").max(10_000),
        asker: email,
        team: key,
        createdAt: isoDateTime.optional(),
        answers: z
          .array(z.strictObject({ author: email, body: z.string().trim().min(1, "must not be empty").max(10_000), createdAt: isoDateTime.optional(), accepted: z.boolean().optional() }))
          .optional(),
      }),
    )
    .optional(),
});

export type OrgFile = z.infer<typeof orgFileSchema>;

export interface Problem {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; org: OrgFile } | { ok: false; problems: Problem[] };

/** `["people", 3, "teams", 0]` → `$.people[3].teams[0]` */
export function jsonPath(path: readonly PropertyKey[]): string {
  return (
    "$" +
    path
      .map((part) =>
        typeof part === "number" ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(String(part)) ? `.${String(part)}` : `[${JSON.stringify(String(part))}]`,
      )
      .join("")
  );
}

/** Parses JSON text and checks every rule of ORG-FILE.md. */
export function parseOrgFileText(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: "$", message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  return parseOrgFile(data);
}

/**
 * Just what the reference checks read, with no rules on the values: when the full schema
 * refuses a file (a bad slug, an e-mail, an unknown field), its references are still
 * checked from this, so that every problem is reported in one pass. A file too malformed
 * even for this gets its shape problems only.
 */
const looseKey = z.string().trim();
const referencesSchema = z.object({
  teams: z.array(z.object({ key: looseKey, parent: looseKey.nullable() })).default([]),
  locations: z.array(z.object({ key: looseKey })).default([]),
  people: z
    .array(
      z.object({
        email: z.string(),
        audience: z.string(),
        roles: z.array(z.string()).optional(),
        teams: z.array(looseKey).optional(),
        teamAdmin: z.array(looseKey).optional(),
        location: looseKey.optional(),
      }),
    )
    .default([]),
  sections: z
    .array(
      z.object({
        slug: z.string(),
        parent: z.string().nullable(),
        members: z.array(z.string()).optional(),
        teams: z.array(z.object({ team: looseKey })).optional(),
        roles: z.array(z.object({ person: z.string(), role: z.string() })).optional(),
      }),
    )
    .default([]),
  content: z
    .array(
      z.object({
        key: looseKey,
        type: z.string(),
        section: z.string().optional(),
        group: z.string().optional(),
        sharedInto: z.array(z.string()).optional(),
        author: z.string(),
        options: z.array(z.string()).optional(),
        startsAt: z.string().optional(),
        endsAt: z.string().optional(),
        place: z.unknown().optional(),
        // C6: what the images check reads; a malformed part is the shape's problem, and skips that check.
        body: z.unknown().optional(),
        versions: z.unknown().optional(),
        images: z.array(z.object({ id: z.string() })).optional().catch(undefined),
      }),
    )
    .default([]),
  groups: z
    .array(
      z.object({
        slug: z.string(),
        members: z.array(z.object({ person: z.string(), admin: z.boolean().optional() })).default([]),
        requests: z.array(z.object({ person: z.string() })).optional(),
        invitations: z.array(z.object({ person: z.string(), invitedBy: z.string().optional() })).optional(),
        files: z
          .array(
            z.object({
              name: z.string(),
              uploader: z.string().optional(),
              versions: z.array(z.object({ path: z.string(), uploader: z.string().nullable().optional(), uploadedAt: z.string().optional() })).default([]),
            }),
          )
          .optional(),
      }),
    )
    .default([]),
});

export function parseOrgFile(data: unknown): ParseResult {
  const parsed = orgFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
    const loose = referencesSchema.safeParse(data);
    if (loose.success) problems.push(...checkReferences(loose.data as unknown as OrgFile));
    return { ok: false, problems };
  }
  const problems = checkReferences(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, org: parsed.data };
}

/** Tells where a tree has a cycle: the keys on one, reported once per cycle. */
function findCycles(entries: { key: string; parent: string | null }[]): Set<string> {
  const parentOf = new Map(entries.map((e) => [e.key, e.parent]));
  const inCycle = new Set<string>();
  const done = new Set<string>();
  for (const { key: start } of entries) {
    const trail: string[] = [];
    const onTrail = new Set<string>();
    let node: string | null | undefined = start;
    while (node != null && parentOf.has(node) && !done.has(node)) {
      if (onTrail.has(node)) {
        for (const k of trail.slice(trail.indexOf(node))) inCycle.add(k);
        break;
      }
      trail.push(node);
      onTrail.add(node);
      node = parentOf.get(node);
    }
    for (const k of trail) done.add(k);
  }
  return inCycle;
}

function checkReferences(org: OrgFile): Problem[] {
  const problems: Problem[] = [];
  const add = (path: PropertyKey[], message: string) => problems.push({ path: jsonPath(path), message });

  // Keys unique; each map takes a key to the index of its first entry.
  const uniqueBy = <T>(list: T[], listName: string, field: string, pick: (item: T) => string, ignoreCase = false) => {
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      const value = ignoreCase ? pick(item).toLowerCase() : pick(item);
      const first = seen.get(value);
      if (first === undefined) seen.set(value, i);
      else add([listName, i, field], `"${pick(item)}" is used by ${listName}[${first}] too${ignoreCase ? " (compared ignoring case)" : ""}`);
    });
    return seen;
  };
  const teamKeys = uniqueBy(org.teams, "teams", "key", (t) => t.key);
  const locationKeys = uniqueBy(org.locations, "locations", "key", (l) => l.key);
  const emails = uniqueBy(org.people, "people", "email", (p) => p.email, true);
  const sectionSlugs = uniqueBy(org.sections, "sections", "slug", (s) => s.slug);
  uniqueBy(org.content, "content", "key", (c) => c.key);
  const groupSlugs = uniqueBy(org.groups, "groups", "slug", (g) => g.slug);

  const webmasters = new Set(
    org.people.filter((p) => p.audience === "organisational" && (p.roles ?? []).includes("webmaster")).map((p) => p.email.toLowerCase()),
  );
  const person = (path: PropertyKey[], e: string) => {
    if (!emails.has(e.toLowerCase())) add(path, `names no person in people ("${e}")`);
  };
  const noDuplicates = (path: PropertyKey[], values: string[], what: string) => {
    const seen = new Set<string>();
    values.forEach((v, i) => {
      const k = v.toLowerCase();
      if (seen.has(k)) add([...path, i], `lists ${what} "${v}" twice`);
      seen.add(k);
    });
  };

  // Teams: parents resolve, tree acyclic.
  org.teams.forEach((t, i) => {
    if (t.parent !== null && !teamKeys.has(t.parent)) add(["teams", i, "parent"], `names no team ("${t.parent}")`);
  });
  const teamCycles = findCycles(org.teams);
  org.teams.forEach((t, i) => {
    if (teamCycles.has(t.key)) add(["teams", i, "parent"], `makes a cycle: team "${t.key}" would be its own ancestor`);
  });

  // People.
  org.people.forEach((p, i) => {
    const roles = p.roles ?? [];
    if (p.audience === "external") {
      const others = roles.filter((r) => r !== "external");
      if (others.length) add(["people", i, "roles"], `an external person can have no other global role (P2), found: ${others.join(", ")}`);
    } else if (roles.includes("external")) {
      add(["people", i, "roles"], `"external" is an audience; an organisational person cannot hold it (P1)`);
    }
    noDuplicates(["people", i, "teams"], p.teams ?? [], "team");
    (p.teams ?? []).forEach((t, j) => {
      if (!teamKeys.has(t)) add(["people", i, "teams", j], `names no team ("${t}")`);
    });
    (p.teamAdmin ?? []).forEach((t, j) => {
      if (!teamKeys.has(t)) add(["people", i, "teamAdmin", j], `names no team ("${t}")`);
      else if (!(p.teams ?? []).includes(t)) add(["people", i, "teamAdmin", j], `"${t}" is not among this person's teams (teamAdmin must be a subset of teams)`);
    });
    if (p.location !== undefined && !locationKeys.has(p.location)) add(["people", i, "location"], `names no location ("${p.location}")`);
  });

  // Sections.
  org.sections.forEach((s, i) => {
    if (s.parent !== null && !sectionSlugs.has(s.parent)) add(["sections", i, "parent"], `names no section ("${s.parent}")`);
    noDuplicates(["sections", i, "members"], s.members ?? [], "person");
    (s.members ?? []).forEach((m, j) => person(["sections", i, "members", j], m));
    noDuplicates(["sections", i, "teams"], (s.teams ?? []).map((t) => t.team), "team");
    (s.teams ?? []).forEach((t, j) => {
      if (!teamKeys.has(t.team)) add(["sections", i, "teams", j, "team"], `names no team ("${t.team}")`);
    });
    noDuplicates(["sections", i, "roles"], (s.roles ?? []).map((r) => `${r.person.toLowerCase()} as ${r.role}`), "role");
    (s.roles ?? []).forEach((r, j) => person(["sections", i, "roles", j, "person"], r.person));
  });
  const sectionCycles = findCycles(org.sections.map((s) => ({ key: s.slug, parent: s.parent })));
  org.sections.forEach((s, i) => {
    if (sectionCycles.has(s.slug)) add(["sections", i, "parent"], `makes a cycle: section "${s.slug}" would be its own ancestor`);
  });

  // Content.
  const imageAt = new Map<string, string>();
  org.content.forEach((c, i) => {
    if ((c.section === undefined) === (c.group === undefined)) {
      add(["content", i], `needs exactly one home: "section" or "group"`);
    }
    if (c.section !== undefined && !sectionSlugs.has(c.section)) add(["content", i, "section"], `names no section ("${c.section}")`);
    if (c.group !== undefined && !groupSlugs.has(c.group)) add(["content", i, "group"], `names no group ("${c.group}")`);
    noDuplicates(["content", i, "sharedInto"], c.sharedInto ?? [], "section");
    (c.sharedInto ?? []).forEach((s, j) => {
      if (!sectionSlugs.has(s)) add(["content", i, "sharedInto", j], `names no section ("${s}")`);
      else if (s === c.section) add(["content", i, "sharedInto", j], `is the item's home section already`);
    });
    person(["content", i, "author"], c.author);
    (c.versions ?? []).forEach((v, j) => {
      if (v.editor !== null) person(["content", i, "versions", j, "editor"], v.editor);
    });
    checkContentImages(c, i, { add, imageAt });
    if (c.type === "poll") {
      if ((c.options ?? []).length < 2) add(["content", i, "options"], "a poll needs at least two options");
      noDuplicates(["content", i, "options"], c.options ?? [], "option");
    } else {
      if (c.options !== undefined) add(["content", i, "options"], `only polls have options (this is a ${c.type})`);
      for (const field of ["closesAt", "resultsShown"] as const) {
        if (c[field] !== undefined) add(["content", i, field], `only polls have ${field} (this is a ${c.type})`);
      }
    }
    if (c.type !== "event") {
      for (const field of ["startsAt", "endsAt", "place"] as const) {
        if (c[field] !== undefined) add(["content", i, field], `only events have ${field} (this is a ${c.type})`);
      }
    } else {
      if (c.endsAt !== undefined && c.startsAt === undefined) add(["content", i, "startsAt"], "an event with an end needs a start");
      if (c.endsAt && c.startsAt && Date.parse(c.endsAt) < Date.parse(c.startsAt)) add(["content", i, "endsAt"], "is before startsAt");
    }
  });

  // Groups.
  org.groups.forEach((g, i) => {
    noDuplicates(["groups", i, "members"], g.members.map((m) => m.person), "person");
    g.members.forEach((m, j) => person(["groups", i, "members", j, "person"], m.person));
    // G1, G5: someone waiting to join is not a member yet, and waits once.
    const members = new Set(g.members.map((m) => m.person.toLowerCase()));
    const admins = new Set(g.members.filter((m) => m.admin).map((m) => m.person.toLowerCase()));
    for (const list of ["requests", "invitations"] as const) {
      const waiting = g[list] ?? [];
      noDuplicates(["groups", i, list], waiting.map((r) => r.person), "person");
      waiting.forEach((r, j) => {
        person(["groups", i, list, j, "person"], r.person);
        if (members.has(r.person.toLowerCase())) add(["groups", i, list, j, "person"], `is a member of the group already ("${r.person}")`);
      });
    }
    (g.invitations ?? []).forEach((inv, j) => {
      // G5: webmasters may do everything a group's admins may, inviting included.
      if (inv.invitedBy !== undefined && !admins.has(inv.invitedBy.toLowerCase()) && !webmasters.has(inv.invitedBy.toLowerCase())) {
        add(["groups", i, "invitations", j, "invitedBy"], `is not an admin of the group, nor a webmaster ("${inv.invitedBy}")`);
      }
    });
    checkGroupFiles(g.files ?? [], ["groups", i, "files"], { members, webmasters, add, person });
  });

  checkApps(org, { add, person, noDuplicates, teamKeys, webmasters });
  return problems;
}

/**
 * C6: an item's images. Each is one the item shows: its id is named, as `/api/uploads/<id>`,
 * in the body or a version's body (the loader rewrites exactly those to the image's new id);
 * an image is one item's only (an upload belongs to one item), and listed once. Where the
 * bodies cannot be read (their shape is refused), which images they name is not judged.
 */
function checkContentImages(
  c: { body?: unknown; versions?: unknown; images?: { id: string }[] },
  i: number,
  ctx: { add: (path: PropertyKey[], message: string) => void; imageAt: Map<string, string> },
): void {
  const images = c.images ?? [];
  if (!images.length) return;
  const versions = Array.isArray(c.versions) ? c.versions : [];
  const bodies = [c.body, ...versions.map((v: unknown) => (v && typeof v === "object" ? (v as { body?: unknown }).body : undefined))];
  const readable = bodies.every((b): b is string => typeof b === "string");
  const seen = new Set<string>();
  images.forEach((m, j) => {
    // Ids compared exactly: the body names an image by its id's very text.
    if (seen.has(m.id)) return ctx.add(["content", i, "images", j], `lists image "${m.id}" twice`);
    seen.add(m.id);
    const first = ctx.imageAt.get(m.id);
    if (first !== undefined) ctx.add(["content", i, "images", j, "id"], `is listed by ${first} too: an image belongs to one item`);
    else ctx.imageAt.set(m.id, `content[${i}].images[${j}]`);
    if (readable && !bodies.some((b) => b.includes(uploadReference(m.id)))) {
      ctx.add(["content", i, "images", j, "id"], `is not an image of this item: neither its body nor any of its versions' bodies names ${uploadReference(m.id)}`);
    }
  });
}

/**
 * G4 G8: the apps' entries. Everyone named exists; moderators are organisational people; a
 * status other than "new" that names who set it names a webmaster or one of the app's
 * moderators, and "declined" says why; queries go to teams, with at most one accepted answer.
 *
 * D3: what Portico can hold loads, though nobody could write it today. An external person's
 * idea, vote, post or query stays when the app's External access switch (E4 E5) is later
 * turned off, and a query stays with a team that has since stopped accepting queries; the
 * export leaves out who set a status once that account is deleted or no longer moderates.
 * The full export writes such entries, so the file may hold them.
 */
function checkApps(
  org: OrgFile,
  ctx: {
    add: (path: PropertyKey[], message: string) => void;
    person: (path: PropertyKey[], e: string) => void;
    noDuplicates: (path: PropertyKey[], values: string[], what: string) => void;
    teamKeys: Map<string, number>;
    webmasters: Set<string>;
  },
): void {
  const { add, person, noDuplicates } = ctx;
  const audienceOf = new Map(org.people.map((p) => [p.email.toLowerCase(), p.audience]));
  for (const app of ["ideas", "messageWall", "queries"] as const) {
    const named = org.appModerators?.[app] ?? [];
    noDuplicates(["appModerators", app], named, "person");
    named.forEach((e, j) => {
      person(["appModerators", app, j], e);
      if (audienceOf.get(e.toLowerCase()) === "external") add(["appModerators", app, j], `is an external person: only organisational people moderate an app ("${e}")`);
    });
  }
  const ideaModerators = new Set([...ctx.webmasters, ...(org.appModerators?.ideas ?? []).map((e) => e.toLowerCase())]);
  (org.ideas ?? []).forEach((idea, i) => {
    person(["ideas", i, "author"], idea.author);
    for (const list of ["votes", "followers"] as const) {
      noDuplicates(["ideas", i, list], idea[list] ?? [], "person");
      (idea[list] ?? []).forEach((e, j) => person(["ideas", i, list, j], e));
    }
    if (idea.status === "new") {
      for (const field of ["statusNote", "statusBy"] as const) if (idea[field] !== undefined) add(["ideas", i, field], `only an idea whose status was set has ${field} (this one is new)`);
    } else {
      if (idea.statusBy !== undefined && !ideaModerators.has(idea.statusBy.toLowerCase())) add(["ideas", i, "statusBy"], `is neither a webmaster nor an Ideas moderator ("${idea.statusBy}")`);
      if (idea.status === "declined" && !idea.statusNote) add(["ideas", i, "statusNote"], "a declined idea says why");
    }
  });
  (org.wallPosts ?? []).forEach((post, i) => {
    person(["wallPosts", i, "author"], post.author);
    noDuplicates(["wallPosts", i, "favourites"], post.favourites ?? [], "person");
    (post.favourites ?? []).forEach((e, j) => person(["wallPosts", i, "favourites", j], e));
  });
  (org.queries ?? []).forEach((q, i) => {
    person(["queries", i, "asker"], q.asker);
    if (!ctx.teamKeys.has(q.team)) add(["queries", i, "team"], `names no team ("${q.team}")`);
    const answers = q.answers ?? [];
    answers.forEach((a, j) => person(["queries", i, "answers", j, "author"], a.author));
    if (answers.filter((a) => a.accepted).length > 1) add(["queries", i, "answers"], "at most one answer is accepted");
  });
}

const LISTED_EXTENSIONS = ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(", ");

/** A version's path: relative to the organisation file's folder, and inside it. */
export function versionPathProblem(path: string): string | null {
  if (/^([\\/]|[A-Za-z]:)/.test(path)) return "must be relative to the organisation file's folder (it starts at a root)";
  if (path.split(/[\\/]/).includes("..")) return "must stay inside the organisation file's folder (no .. in it)";
  return null;
}

/**
 * G7: a group's files. Names unique in the group (ignoring case, as they are listed); a
 * name of a type groups may hold, whose extension every version's path shares; an uploader
 * who could have uploaded it (a member of the group, or a webmaster: G2, G5); versions
 * listed oldest first.
 */
function checkGroupFiles(
  files: NonNullable<OrgFile["groups"][number]["files"]>,
  at: PropertyKey[],
  context: { members: Set<string>; webmasters: Set<string>; add: (path: PropertyKey[], message: string) => void; person: (path: PropertyKey[], e: string) => void },
): void {
  const { add, person } = context;
  const names = new Map<string, number>();
  files.forEach((f, j) => {
    const first = names.get(f.name.toLowerCase());
    if (first === undefined) names.set(f.name.toLowerCase(), j);
    else add([...at, j, "name"], `"${f.name}" is used by files[${first}] too (compared ignoring case)`);
    const extension = extensionOf(f.name);
    const known = kindOfName(f.name) !== null;
    if (!known) add([...at, j, "name"], `${extension ? `.${extension} files` : "files without an extension"} cannot be held by a group; the name must end in one of: ${LISTED_EXTENSIONS}`);
    if (f.uploader !== undefined) {
      const e = f.uploader.toLowerCase();
      person([...at, j, "uploader"], f.uploader);
      if (!context.members.has(e) && !context.webmasters.has(e)) add([...at, j, "uploader"], `is not a member of the group, nor a webmaster, so could not have uploaded to it (G2) ("${f.uploader}")`);
    }
    let previous: { at: number; k: number } | null = null;
    f.versions.forEach((v, k) => {
      const problem = versionPathProblem(v.path);
      if (problem) add([...at, j, "versions", k, "path"], problem);
      else if (known && extensionOf(v.path) !== extension) {
        add([...at, j, "versions", k, "path"], `is ${extensionOf(v.path) ? `a .${extensionOf(v.path)} file` : "a file without an extension"}, but every version of "${f.name}" is a .${extension} file`);
      }
      if (typeof v.uploader === "string") person([...at, j, "versions", k, "uploader"], v.uploader);
      if (v.uploadedAt !== undefined && !Number.isNaN(Date.parse(v.uploadedAt))) {
        const time = Date.parse(v.uploadedAt);
        if (previous && time < previous.at) add([...at, j, "versions", k, "uploadedAt"], `is before versions[${previous.k}].uploadedAt: versions are listed oldest first`);
        previous = { at: time, k };
      }
    });
  });
}
