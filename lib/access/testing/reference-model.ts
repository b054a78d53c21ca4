import "server-only";
/**
 * A plain reference model of who can view what, written from the product rules
 * (docs/RULES.md §1–3, G1–G3, G5–G7: who sees groups, writes and changes their content, and their files;
 * P5 P6 E2 E4 E5 G4 G8: the directories, profiles and apps) and nothing else: no database, no code shared with
 * lib/access. The property test (lib/access/model.test.ts) loads random organisations
 * into a database and checks that every surface answers what this model answers.
 *
 * Readings of the SPEC that the text leaves open are marked "Reading:" below; if the
 * implementation disagrees on one of those, the SPEC should be clarified, not just the
 * model or the code changed.
 */
import type { OrgFile } from "../../org-file/schema";

type Person = OrgFile["people"][number];
type Section = OrgFile["sections"][number];
type Item = OrgFile["content"][number];
type Group = OrgFile["groups"][number];

export type HiddenAnswer = "forbidden" | "not-found";

export interface PersonModel {
  readonly email: string;
  readonly audience: "organisational" | "external";
  /** P1, S4: an organisational person holding the global role `webmaster`. */
  readonly isWebmaster: boolean;
  canViewSection(slug: string): boolean;
  /** S2, S3, S7: member of the section, directly, via a team, via a role, or via an ancestor. */
  isMember(slug: string): boolean;
  canViewItem(key: string): boolean;
  /** C5: what asking for an item the person cannot view answers. */
  hiddenItemAnswer(key: string): HiddenAnswer;
  /** Slugs, in file order. */
  visibleSections(): string[];
  /** Keys of published items the person can view, newest first (publishedAt desc, then file order). */
  visiblePublishedItems(): string[];
  /** Keys of items the person authored and can view (drafts they authored always count). */
  myContent(): string[];
  /** Visible sections whose parent is absent or not visible: the person's entry points. */
  reachableSections(): string[];
  /** G1, G3: the group is listed to the person in the directory, and named to them anywhere. */
  canSeeGroup(slug: string): boolean;
  /** G1, G3, G6, C5: what the group's page shows the person. */
  groupPageAnswer(slug: string): GroupPageAnswer;
  /** Slugs of the groups the directory lists to the person, in file order. */
  visibleGroups(): string[];
  /** G2, G5: may write an item in the group. */
  mayPostInGroup(slug: string): boolean;
  /**
   * G5, G6: may edit, publish, delete and read the history of an item homed in a group;
   * null for an item homed in a section (section roles are not modelled here).
   */
  mayChangeGroupItem(key: string): boolean | null;
  /** G6, G7, C5: what asking for the group's files, or any one of them or its versions, answers. */
  groupFilesAnswer(slug: string): FileAnswer;
  /** G2, G5: the person may upload a new file into the group. */
  mayUploadTo(slug: string): boolean;
  /** G5, G7: the person may add versions to the group's file of this name, rename it and delete it. */
  mayManageFile(slug: string, name: string): boolean;

  // Comments (K1 K2 K3).
  /** K1 E3: may comment on the item (whether its comments are turned off is the item's state, not the person's). */
  mayComment(key: string): boolean;
  /** K2 K3: may hide and restore the item's comments and deal with their reports. */
  mayModerateComments(key: string): boolean;

  // Directories and apps (P5 P6 E2 E4 E5 G4 G8 K2 K3).
  /** E4 E5 G4: may use the app or directory now (pages, links and entries; absent otherwise). */
  mayUseApp(app: AppName): boolean;
  /** G8 K2 K3: moderates the app (sets ideas' statuses, hides wall posts, accepts answers for askers). */
  moderatesApp(app: ModeratedApp): boolean;
  /** E2 E4 E5: may open the profile of the person with this e-mail. */
  mayViewProfile(email: string): boolean;
  /** P6 E4 E5: the e-mails the people directory lists, in file order; null when the person may not use it. */
  directoryPeople(): string[] | null;
  /** P5 E5: may open the teams directory at all. */
  mayOpenTeams(): boolean;
  /** P5 E5: may open this team's page. */
  maySeeTeam(key: string): boolean;
  /** S2 C3: the sections membership of the team grants that the person may view, sorted (the team page's list). */
  sectionsGrantedByTeam(key: string): string[];
  /** P6 E5: the e-mails of the people at the location the person is shown, sorted; null when the people directory is not theirs to use. */
  peopleAtLocation(key: string): string[] | null;
  /** G4 G8: may edit and delete the idea at this index of the file's ideas. */
  mayEditIdea(index: number): boolean;
  /** G4 K2: may read the text of the wall post at this index (hidden or not). */
  mayReadWallPost(index: number, hidden: boolean): boolean;
  /** K2: may delete the wall post (and edit it while it is not hidden). */
  mayDeleteWallPost(index: number): boolean;
  /** K3: may report the wall post. */
  mayReportWallPost(index: number, hidden: boolean): boolean;
  /** G8 P5: may answer the query at this index. */
  mayAnswerQuery(index: number): boolean;
  /** G8: may accept an answer to the query. */
  mayAcceptQuery(index: number): boolean;
  /** G8 P5: the query is in the person's teams' queue (sent to one of their teams or a team above one). */
  queryInMyQueue(index: number): boolean;
}

/** E5's switches: the apps and the directories. */
export type AppName = "groups" | "ideas" | "messageWall" | "queries" | "users" | "teams" | "locations";
/** The apps a webmaster may turn off for everyone, and name moderators of (G8). */
export type ModeratedApp = "ideas" | "messageWall" | "queries";
const MODERATED_APPS: readonly AppName[] = ["ideas", "messageWall", "queries"];

/** "ok": listed and downloaded; "forbidden": 403, naming nothing of the file; "not-found": 404 as for no file. */
export type FileAnswer = "ok" | "forbidden" | "not-found";

/** "full": members and content; "summary": a private group's name, description and size; "not-found": 404 as for no group. */
export type GroupPageAnswer = "full" | "summary" | "not-found";

const lower = (email: string) => email.toLowerCase();

export class ReferenceModel {
  readonly org: OrgFile;
  private readonly sections = new Map<string, Section>();
  private readonly teamParent = new Map<string, string | null>();
  private readonly items = new Map<string, Item>();
  private readonly groups = new Map<string, Group>();
  private readonly people = new Map<string, Person>();

  constructor(org: OrgFile) {
    this.org = org;
    for (const s of org.sections) this.sections.set(s.slug, s);
    for (const t of org.teams) this.teamParent.set(t.key, t.parent);
    for (const c of org.content) this.items.set(c.key, c);
    for (const g of org.groups) this.groups.set(g.slug, g);
    for (const p of org.people) this.people.set(lower(p.email), p);
  }

  /** The section and every section above it, nearest first (S1: sections form a tree). */
  sectionAndAncestors(slug: string): Section[] {
    const out: Section[] = [];
    let s = this.sections.get(slug);
    while (s) {
      out.push(s);
      s = s.parent === null ? undefined : this.sections.get(s.parent);
    }
    return out;
  }

  /** The team and every team above it (P5: teams form a tree). */
  teamAndAncestors(key: string): string[] {
    const out: string[] = [];
    let k: string | null | undefined = key;
    while (k != null && this.teamParent.has(k)) {
      out.push(k);
      k = this.teamParent.get(k);
    }
    return out;
  }

  forPerson(email: string): PersonModel {
    const person = this.people.get(lower(email));
    if (!person) throw new Error(`no person ${email} in the organisation`);
    return new PersonView(this, person);
  }

  section(slug: string): Section | undefined {
    return this.sections.get(slug);
  }
  item(key: string): Item | undefined {
    return this.items.get(key);
  }
  group(slug: string): Group | undefined {
    return this.groups.get(slug);
  }
}

class PersonView implements PersonModel {
  readonly email: string;
  readonly audience: "organisational" | "external";
  readonly isWebmaster: boolean;
  private readonly model: ReferenceModel;
  private readonly person: Person;
  private readonly me: string;
  private readonly sectionCache = new Map<string, boolean>();

  constructor(model: ReferenceModel, person: Person) {
    this.model = model;
    this.person = person;
    this.email = person.email;
    this.me = lower(person.email);
    this.audience = person.audience;
    this.isWebmaster = person.audience === "organisational" && (person.roles ?? []).includes("webmaster");
  }

  /** P5, S2: team membership is the person's own `teams` list (no inheritance upwards or downwards). */
  private inTeam(team: string): boolean {
    return (this.person.teams ?? []).includes(team);
  }

  /** S2: a team added with children also grants the members of its descendant teams. */
  private grantedByTeam(grant: { team: string; includeChildren: boolean }): boolean {
    if (this.inTeam(grant.team)) return true;
    if (!grant.includeChildren) return false;
    return (this.person.teams ?? []).some((t) => this.model.teamAndAncestors(t).slice(1).includes(grant.team));
  }

  /** S7: section roles held on this section itself (not cascaded). */
  private ownRolesOn(section: Section): string[] {
    return (section.roles ?? []).filter((r) => lower(r.person) === this.me).map((r) => r.role);
  }

  /** S2 + S7 on one section, without the cascade. */
  private directMember(section: Section): boolean {
    if ((section.members ?? []).some((m) => lower(m) === this.me)) return true;
    if ((section.teams ?? []).some((g) => this.grantedByTeam(g))) return true;
    return this.ownRolesOn(section).length > 0; // S7: a role implies membership
  }

  /** S3 (and S7's cascade): membership of a section is membership of every section below it. */
  isMember(slug: string): boolean {
    return this.model.sectionAndAncestors(slug).some((s) => this.directMember(s));
  }

  /** S7: roles cascade to the sections below. */
  private rolesOn(slug: string): Set<string> {
    return new Set(this.model.sectionAndAncestors(slug).flatMap((s) => this.ownRolesOn(s)));
  }

  canViewSection(slug: string): boolean {
    const known = this.sectionCache.get(slug);
    if (known !== undefined) return known;
    let answer: boolean;
    if (!this.model.section(slug)) answer = false;
    else if (this.isWebmaster) answer = true; // S4
    else if (this.audience === "external") answer = this.isMember(slug); // S6
    else answer = !this.model.sectionAndAncestors(slug).some((s) => s.restricted) || this.isMember(slug); // S5
    this.sectionCache.set(slug, answer);
    return answer;
  }

  private groupMembership(group: Group): { member: boolean; admin: boolean } {
    const m = group.members.find((x) => lower(x.person) === this.me);
    return { member: m !== undefined, admin: m?.admin ?? false };
  }

  /**
   * G1, G3: who reads a group's (published) content. Members always; public groups
   * anyone with Groups access (organisational people; external people only with the
   * Groups switch on); private and secret groups members only.
   * Reading: S4 speaks of sections only; the brief extends "a webmaster sees
   * everything" to groups, so a webmaster reads every group's content here.
   */
  private canReadGroup(group: Group): boolean {
    if (this.isWebmaster) return true;
    if (this.groupMembership(group).member) return true;
    if (group.visibility !== "public") return false;
    if (this.audience === "organisational") return true;
    return this.model.org.settings?.externalAccess?.groups === true;
  }

  canViewItem(key: string): boolean {
    const item = this.model.item(key);
    if (!item) return false;
    if (item.status === "draft") {
      // C2: drafts only to their author and to editors and managers of the home section.
      // Reading: the brief has webmasters see drafts too (S4 "everything"), and for a
      // group-homed draft the group's admins stand in for the home section's editors.
      if (this.isWebmaster) return true;
      if (lower(item.author) === this.me) return true;
      if (item.section !== undefined) {
        const roles = this.rolesOn(item.section);
        return roles.has("editor") || roles.has("manager");
      }
      const group = item.group === undefined ? undefined : this.model.group(item.group);
      return group !== undefined && this.groupMembership(group).admin;
    }
    // C2: published: the home (section or group) or any section it is shared into.
    if (item.section !== undefined && this.canViewSection(item.section)) return true;
    if (item.group !== undefined) {
      const group = this.model.group(item.group);
      if (group && this.canReadGroup(group)) return true;
    }
    return (item.sharedInto ?? []).some((s) => this.canViewSection(s));
  }

  /** C5: 403 for what one may not view; 404 for content of a secret group one is not in. */
  hiddenItemAnswer(key: string): HiddenAnswer {
    const item = this.model.item(key);
    if (!item) return "not-found";
    if (item.group !== undefined) {
      const group = this.model.group(item.group);
      if (group && group.visibility === "secret" && !this.groupMembership(group).member && !this.isWebmaster) return "not-found";
    }
    return "forbidden";
  }

  /**
   * G1: public and private groups are listed (private ones by name and description), secret
   * ones are not listed and are 404 to non-members. G3: an external person without the
   * Groups switch sees only the groups they are already in; with it, as staff do.
   * Reading: G5/G6 give webmasters every group ("everything a group admin can, in every
   * group"; "see all group content"), so they see every group, secret ones included.
   */
  canSeeGroup(slug: string): boolean {
    const group = this.model.group(slug);
    if (!group) return false;
    if (this.isWebmaster || this.groupMembership(group).member) return true;
    if (group.visibility === "secret") return false;
    return this.audience === "organisational" || this.model.org.settings?.externalAccess?.groups === true;
  }

  /** G1, G6: the content (and members) of a group to whoever reads it; a private group's summary to others who see it. */
  groupPageAnswer(slug: string): GroupPageAnswer {
    const group = this.model.group(slug);
    if (!group || !this.canSeeGroup(slug)) return "not-found";
    return this.canReadGroup(group) ? "full" : "summary";
  }

  visibleGroups(): string[] {
    return this.model.org.groups.map((g) => g.slug).filter((slug) => this.canSeeGroup(slug));
  }

  /**
   * G2: group members post content. G5: webmasters do everything an admin does, in every group.
   * Reading: G3's switch decides what external people see and join, not what they do in a
   * group they are already in, so an external member posts whatever the switch says.
   */
  mayPostInGroup(slug: string): boolean {
    const group = this.model.group(slug);
    if (!group) return false;
    return this.isWebmaster || this.groupMembership(group).member;
  }

  /**
   * G5: the group's admins moderate its content (webmasters too). Reading: groups have no
   * editor role (G6), so an item's author publishes and changes it themself — while a member:
   * someone who left the group keeps no rights in it.
   */
  mayChangeGroupItem(key: string): boolean | null {
    const item = this.model.item(key);
    const group = item?.group === undefined ? undefined : this.model.group(item.group);
    if (!item || !group) return null;
    const { member, admin } = this.groupMembership(group);
    return this.isWebmaster || admin || (member && lower(item.author) === this.me);
  }

  /**
   * G7: who may view a file is who may view the group's content (G6); C5: a group the
   * person may not see (G1: a secret group to a non-member; G3) is not admitted to exist,
   * so neither is its file (404); one they see but may not read is a 403.
   */
  groupFilesAnswer(slug: string): FileAnswer {
    const group = this.model.group(slug);
    if (!group || !this.canSeeGroup(slug)) return "not-found";
    return this.canReadGroup(group) ? "ok" : "forbidden";
  }

  /** G2: members post group docs; G5: webmasters may do everything a group admin can, in every group. */
  mayUploadTo(slug: string): boolean {
    // G2 names content and docs in one breath: the same people post both.
    return this.mayPostInGroup(slug);
  }

  /**
   * G7: the uploader and the group's admins add versions, rename and delete; G5: webmasters too.
   * Reading: G2 makes group docs the work of the group's members, so an uploader who is no
   * longer a member (or never was, a webmaster who has since lost the role) no longer manages the file.
   */
  mayManageFile(slug: string, name: string): boolean {
    const group = this.model.group(slug);
    const file = group?.files?.find((f) => f.name === name);
    if (!group || !file) return false;
    if (this.isWebmaster) return true;
    const { member, admin } = this.groupMembership(group);
    return admin || (member && file.uploader !== undefined && lower(file.uploader) === this.me);
  }

  visibleSections(): string[] {
    return this.model.org.sections.map((s) => s.slug).filter((slug) => this.canViewSection(slug));
  }

  visiblePublishedItems(): string[] {
    const order = this.model.org.content.map((c, i) => ({ c, i, at: c.publishedAt ? Date.parse(c.publishedAt) : 0 }));
    order.sort((a, b) => b.at - a.at || a.i - b.i);
    return order.filter(({ c }) => c.status === "published" && this.canViewItem(c.key)).map(({ c }) => c.key);
  }

  myContent(): string[] {
    return this.model.org.content.filter((c) => lower(c.author) === this.me && this.canViewItem(c.key)).map((c) => c.key);
  }

  reachableSections(): string[] {
    return this.model.org.sections
      .filter((s) => this.canViewSection(s.slug) && (s.parent === null || !this.canViewSection(s.parent)))
      .map((s) => s.slug);
  }

  // Comments (K1 K2 K3).

  /** K1: "anyone who can view an item … may comment on it"; E3: externals too. Reading: a draft takes no comments. */
  mayComment(key: string): boolean {
    return this.model.item(key)?.status === "published" && this.canViewItem(key);
  }

  /**
   * K2: section managers for their sections' items (S7: a manager of a section above the
   * home counts), group admins for their groups, webmasters everywhere. Reading: "their
   * sections' items" are the items homed there (an item shared in is its home's to
   * moderate), and nobody moderates what they cannot view (C2).
   */
  mayModerateComments(key: string): boolean {
    const item = this.model.item(key);
    if (!item || !this.canViewItem(key)) return false;
    if (this.isWebmaster) return true;
    if (item.section !== undefined) return this.rolesOn(item.section).has("manager");
    const group = item.group === undefined ? undefined : this.model.group(item.group);
    return group !== undefined && this.groupMembership(group).admin;
  }

  // Directories and apps.

  /**
   * E5: a switch on gives external people the same access as organisational people to that
   * app or directory; off (the default), they have none (E4). Reading: an app a webmaster
   * turned off for everyone (settings.appsEnabled) is absent for everyone, webmasters too.
   */
  mayUseApp(app: AppName): boolean {
    const settings = this.model.org.settings;
    if (MODERATED_APPS.includes(app) && settings?.appsEnabled?.[app as ModeratedApp] === false) return false;
    if (this.isWebmaster || this.audience === "organisational") return true;
    return settings?.externalAccess?.[app] === true;
  }

  /**
   * G8: "the app's moderators (webmasters and the people they name)". Reading: a named
   * moderator is an organisational person whose account is not blocked, and nobody
   * moderates an app they may not use (an app turned off has no moderators).
   */
  moderatesApp(app: ModeratedApp): boolean {
    if (!this.mayUseApp(app)) return false;
    if (this.isWebmaster) return true;
    const named = (this.model.org.appModerators?.[app] ?? []).some((e) => lower(e) === this.me);
    return named && this.audience === "organisational" && this.person.blocked !== true;
  }

  /**
   * E2: everyone has their own profile. E4 E5: other people's profiles are for organisational
   * people, and for external people only with the Users switch. Reading: a blocked person's
   * profile is for webmasters only (they manage the account; nobody else is shown someone
   * who cannot sign in).
   */
  mayViewProfile(email: string): boolean {
    const target = this.model.org.people.find((p) => lower(p.email) === lower(email));
    if (!target) return false;
    if (lower(email) === this.me || this.isWebmaster) return true;
    if (target.blocked === true) return false;
    return this.audience === "organisational" || this.model.org.settings?.externalAccess?.users === true;
  }

  directoryPeople(): string[] | null {
    if (!this.mayUseApp("users")) return null;
    return this.model.org.people.filter((p) => this.mayViewProfile(p.email)).map((p) => p.email);
  }

  /** P5: the person administers the team, or a team above it (its administrators manage the teams below: P5's child teams). */
  private administers(key: string): boolean {
    const administered = this.person.teamAdmin ?? [];
    return this.model.teamAndAncestors(key).some((k) => administered.includes(k));
  }

  /** E5: the Teams switch opens the directory to external people. Reading: P5's team administrators open the teams they manage without it. */
  mayOpenTeams(): boolean {
    return this.mayUseApp("teams") || (this.person.teamAdmin ?? []).length > 0;
  }

  maySeeTeam(key: string): boolean {
    if (!this.model.org.teams.some((t) => t.key === key)) return false;
    return this.mayUseApp("teams") || this.administers(key);
  }

  /** S2: a team added to a section, or one above it added with children, grants the section (S3: and the sections below, which the page only says in words). */
  sectionsGrantedByTeam(key: string): string[] {
    const above = this.model.teamAndAncestors(key);
    return this.model.org.sections
      .filter((s) => (s.teams ?? []).some((g) => g.team === key || (g.includeChildren && above.slice(1).includes(g.team))))
      .filter((s) => this.canViewSection(s.slug))
      .map((s) => s.slug)
      .sort();
  }

  /** P6: the people directory's rule, at one location. */
  peopleAtLocation(key: string): string[] | null {
    if (!this.mayUseApp("users")) return null;
    return this.model.org.people
      .filter((p) => p.location === key && this.mayViewProfile(p.email))
      .map((p) => p.email)
      .sort();
  }

  /** G4 G8. Reading: an idea is its author's to change until a moderator has given it a status; moderators change it always. */
  mayEditIdea(index: number): boolean {
    const idea = this.model.org.ideas?.[index];
    if (!idea || !this.mayUseApp("ideas")) return false;
    return (lower(idea.author) === this.me && idea.status === "new") || this.moderatesApp("ideas");
  }

  private wallPost(index: number) {
    return this.model.org.wallPosts?.[index];
  }

  /** K2: a hidden post shows "Hidden by a moderator" to others; its author and the wall's moderators still read it. */
  mayReadWallPost(index: number, hidden: boolean): boolean {
    const post = this.wallPost(index);
    if (!post || !this.mayUseApp("messageWall")) return false;
    return !hidden || lower(post.author) === this.me || this.moderatesApp("messageWall");
  }

  /** The "authors edit and delete their own", while they may use the wall. */
  mayDeleteWallPost(index: number): boolean {
    const post = this.wallPost(index);
    return post !== undefined && this.mayUseApp("messageWall") && lower(post.author) === this.me;
  }

  /** K3: anyone who can read a post reports it. Reading: not one's own, and not one already hidden. */
  mayReportWallPost(index: number, hidden: boolean): boolean {
    const post = this.wallPost(index);
    return post !== undefined && this.mayUseApp("messageWall") && !hidden && lower(post.author) !== this.me;
  }

  /** G8: "that team's members answer". Reading: as S2 reads a team "with children", a department's queries are for its teams' members too; moderators answer any. */
  mayAnswerQuery(index: number): boolean {
    if (!this.mayUseApp("queries") || !this.model.org.queries?.[index]) return false;
    return this.queryInMyQueue(index) || this.moderatesApp("queries");
  }

  /** G8: the asker, or a moderator, accepts one answer. */
  mayAcceptQuery(index: number): boolean {
    const query = this.model.org.queries?.[index];
    if (!query || !this.mayUseApp("queries")) return false;
    return lower(query.asker) === this.me || this.moderatesApp("queries");
  }

  queryInMyQueue(index: number): boolean {
    const query = this.model.org.queries?.[index];
    if (!query) return false;
    return (this.person.teams ?? []).some((t) => this.model.teamAndAncestors(t).includes(query.team));
  }
}

/** The model for one organisation file. */
export function referenceModel(org: OrgFile): ReferenceModel {
  return new ReferenceModel(org);
}

// ── K5: who is notified of an event (notifications, lib/notifications) ──

/** An event the model answers for: a change of an item (S7), or @mentions in it (E6). */
export type ModelEvent = { kind: "content"; item: string; actor: string } | { kind: "content_mention"; item: string; actor: string; mentioned: string[] };

/**
 * K5 S7 E6 C4: the e-mails of the people an event notifies, sorted. Never the actor, never
 * a blocked person, and only people who may view the item (C2; E6: a mention of someone who
 * cannot view it tells nobody anything).
 *   - content: holders of a section role (any of manager, editor, author) on the item's home
 *     section or a section it is shared into, or on a section above one of those (S7
 *     cascade). Items homed in a group have no section roles. (Followers are not modelled:
 *     the organisation file has none.)
 *   - content_mention: the people mentioned.
 */
export function notifiedOf(model: ReferenceModel, event: ModelEvent): string[] {
  const item = model.item(event.item);
  if (!item) return [];
  const actor = lower(event.actor);
  let candidates: string[];
  if (event.kind === "content") {
    const places = item.section === undefined ? [] : [item.section, ...(item.sharedInto ?? [])];
    candidates = places.flatMap((slug) => model.sectionAndAncestors(slug).flatMap((s) => (s.roles ?? []).map((r) => r.person)));
  } else {
    candidates = event.mentioned;
  }
  const told = new Set<string>();
  for (const email of candidates.map(lower)) {
    if (email === actor || told.has(email)) continue;
    const person = model.org.people.find((p) => lower(p.email) === email);
    if (!person || person.blocked) continue;
    if (model.forPerson(email).canViewItem(event.item)) told.add(email);
  }
  return [...told].sort();
}

// ---------------------------------------------------------------------------------
// E6: who may be suggested for a mention (lib/mentions/suggest.ts).
// ---------------------------------------------------------------------------------

/** The item a mention is written for: an existing item, or a new draft's home section or group. */
export type MentionTarget = { item: string } | { section: string } | { group: string };

const MENTION_DRAFT_KEY = "__mention_draft__";

/**
 * E6: the e-mails of the people suggested when `writer` types `query` after "@" for the
 * target, sorted. A person is suggested when all of these hold:
 *   - they are not the writer, and not blocked (pickers never offer blocked people);
 *   - the writer may find them (E4 E5): staff and webmasters by a name or e-mail containing
 *     the text, case-insensitive; external writers likewise only with the Users switch,
 *     otherwise only by typing their exact e-mail address;
 *   - they can view the item (E6). Reading: an item being written is judged as it will be
 *     once out — an existing item as if published, where it is (home and shares); a new
 *     draft as published in its home — so a draft's mentions are for its eventual readers,
 *     not only its author and editors.
 * Text under two characters suggests nobody.
 */
export function mentionSuggestionsFor(model: ReferenceModel, writerEmail: string, target: MentionTarget, query: string): string[] {
  const text = query.trim().toLowerCase();
  if (text.length < 2) return [];
  const org = model.org;
  const writer = org.people.find((p) => lower(p.email) === lower(writerEmail));
  if (!writer) throw new Error(`no person ${writerEmail} in the organisation`);
  let published: Item;
  if ("item" in target) {
    const item = model.item(target.item);
    if (!item) return [];
    published = { ...item, key: MENTION_DRAFT_KEY, status: "published" };
  } else {
    published = {
      key: MENTION_DRAFT_KEY,
      type: "news",
      title: "Draft",
      body: "",
      author: writer.email,
      status: "published",
      ...("section" in target ? { section: target.section } : { group: target.group }),
    };
  }
  const asPublished = referenceModel({ ...org, content: [...org.content, published] });
  const browse = writer.audience === "organisational" || org.settings?.externalAccess?.users === true;
  return org.people
    .filter((p) => lower(p.email) !== lower(writer.email) && p.blocked !== true)
    .filter((p) => (browse ? p.name.toLowerCase().includes(text) || lower(p.email).includes(text) : lower(p.email) === text))
    .filter((p) => asPublished.forPerson(p.email).canViewItem(MENTION_DRAFT_KEY))
    .map((p) => p.email)
    .sort();
}
