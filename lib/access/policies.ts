import "server-only";
/**
 * What a viewer may do: one typed catalogue of every permission in the product
 * (POLICIES), and `can(viewer, policy, resource)` that decides any of them. Each entry
 * says what it applies to (`resource`), where an action finds that resource's id in its
 * input (`idField`, for `authorize: "<name>"` in defineAction), and how it is decided
 * (`decidedBy`). Viewing is decided by the same SQL predicates the listings use, so a
 * page and a listing can never disagree; every check runs in the caller's transaction.
 */
import { type SQL, and, eq, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { content, groupFiles, groupMembers, groups, people, sectionRoles, sections, teams } from "@/db/schema";
import { isUuid } from "@/db/sql";
import { exportFields } from "@/lib/export/queries";
import type { CommentTarget } from "@/lib/comments/schemas";
import { type CommentDecision, canOnComments, isCommentDecision } from "./comment-targets";
import { isSwitchableApp, type ExternalApp } from "@/lib/settings/schemas";
import { isAppModerator } from "./app-moderators";
import { type IdeaDecision, canOnIdea, isIdeaDecision } from "./ideas";
import { type WallPostDecision, canOnWallPost, isWallPostDecision } from "./wall";
import { type QueryDecision, canOnQuery, isQueryDecision } from "./queries-app";
import { externalMayUse, externalSwitchOn } from "./external-access";
import { isReadableGroupId, sectionsWithRole, visibleContent, visibleGroups, visibleSections } from "./filters";
import { manageableGroupFiles } from "./group-docs";
import { type GroupRole, changeableGroupItems, mayChangeGroupItemAs, mayPostInGroup } from "./group-roles";
import { mayViewProfile } from "./profiles";
import type { AccessSubject } from "./types";
import { isManagedTeamId, isVisibleTeamId } from "./teams";

export type SectionRole = "manager" | "editor" | "author";

const EVERY_ROLE = ["manager", "editor", "author"] as const satisfies readonly SectionRole[];
const EDITORS = ["manager", "editor"] as const satisfies readonly SectionRole[];

/** What a permission applies to; "none": the product as a whole (a setting, a directory). */
export type PolicyResourceKind =
  | "none"
  | "section"
  | "content"
  | "team"
  | "person"
  | "group"
  | "groupFile"
  | "comment"
  /** K1: what comments hang off: `{ kind, id }` (lib/comments/target.ts). */
  | "commentTarget"
  | "location"
  | "idea"
  | "wallPost"
  | "query";

/**
 * How the viewer stands to a group, for "groupRelation" entries (G1, G3, G5, E5):
 * - "admin": an admin of the group, or a webmaster (G5);
 * - "member": a member (admins are members);
 * - "invited" / "requested": has a pending invitation / join request;
 * - "mayJoin": the group is public and the viewer may use Groups (staff; externals with the switch);
 * - "mayRequest": the group is private, the same audiences.
 */
export type GroupRelation = "admin" | "member" | "invited" | "requested" | "mayJoin" | "mayRequest";

/**
 * How a permission is decided:
 * - "visibility": the access predicates the listings use (S4–S6, C2, E4, E5);
 * - "sectionRoles": a role held on the section, own or inherited (S7); webmasters always (S4);
 * - "contentRoles": for an item homed in a section, a role held there (S7), plus what the item's
 *   author may do; for an item homed in a group, its author while a member and the group's
 *   admins (G2, G5, G6); webmasters always;
 * - "teamAdmins": administrators of the team or of a team above it, and webmasters (P5);
 * - "webmaster": webmasters only (S4, M1–M8);
 * - "sectionManagerAnywhere": webmasters, and anyone who manages a section (S7; B2: viewing as someone within one's sections);
 * - "ownAccount": one's own account, while it exists and is not blocked (E3, P2);
 * - "ownAccountOrWebmaster": one's own account (an absent id means oneself), anyone's for webmasters (E3, M3);
 * - "writerAnywhere": who may write content somewhere: a section role anywhere (S7), membership
 *   of a group (G2), or webmasters;
 * - "exportRules": the export's own rules of who receives which kind (D3, E5);
 * - "groupRelation": how the viewer stands to the group (`relation`, G1 G3 G5);
 * - "organisational": organisational people (webmasters among them), never externals (E5: creating groups).
 * - "groupMembers": who may post in the group: its members, and webmasters (G2, G5; mayPostInGroup);
 * - "groupFileManagers": the file's uploader while a member, the group's admins, and webmasters (G5, G7).
 * - comment decisions (lib/access/comment-targets.ts, K1 K2 K3): on a comment target (lib/comments/target.ts)
 *   "commentViewers", "commenters" (who may view it; an item while published), "commentsToggle";
 *   on a comment "commentAuthor", "commentReporters", "commentModerators".
 * - "groupReaders": who may read the group's content (isReadableGroupId: G1, G3, G6).
 * - "profileViewers": another person whose profile the viewer may view (mayViewProfile: E4, E5); never oneself.
 * - "appUsers": who may use the entry's `app` now (externalMayUse: E5, and the app is on for everyone).
 * - "appModerators": the entry's `app`'s moderators (webmasters and the people they name, G8 K2 K3), while it is on.
 * - idea decisions (lib/access/ideas.ts, G4 G8 E5): "ideaUsers", "ideaEditors".
 * - wall-post decisions (lib/access/wall.ts, G4 K2 K3 E5): "wallPostViewers" (who may use the wall),
 *   "wallPostReaders" (its text: not hidden, or one's own, or a moderator), "wallPostAuthor", "wallPostReporters".
 * - query decisions (lib/access/queries-app.ts, G8 P5): "queryAnswerers" (the team's and its child teams'
 *   members, the app's moderators), "queryAcceptors" (the asker, the app's moderators); both while they may use Queries.
 */
export type PolicyDecision =
  | "visibility"
  | "sectionRoles"
  | "contentRoles"
  | "teamAdmins"
  | "webmaster"
  | "sectionManagerAnywhere"
  | "ownAccount"
  | "ownAccountOrWebmaster"
  | "writerAnywhere"
  | "exportRules"
  | "groupRelation"
  | "organisational"
  | "groupMembers"
  | "groupFileManagers"
  | "groupReaders"
  | "profileViewers"
  | "appUsers"
  | "appModerators"
  | CommentDecision
  | IdeaDecision
  | WallPostDecision
  | QueryDecision;

export interface PolicyEntry {
  resource: PolicyResourceKind;
  decidedBy: PolicyDecision;
  /** The input field holding the resource's id when an action names this entry (absent for "none"). */
  idField?: string;
  /** For "sectionRoles" and "contentRoles": the roles that allow it. */
  roles?: readonly SectionRole[];
  /** For "exportRules": the kind exported. */
  exportKind?: "people" | "teams" | "locations";
  /** For "groupRelation": the relation that allows it. */
  relation?: GroupRelation;
  /** For "appUsers" and "appModerators": the app or directory (E5). */
  app?: ExternalApp;
  /** The product rules it implements. */
  rules: string;
}

/** Every permission in the product. A test holds each entry to a row of the access matrix (lib/access/policies.test.ts). */
export const POLICIES = {
  // Sections (the section's id is `sectionId` in an action's input).
  "section.view": { resource: "section", idField: "sectionId", decidedBy: "visibility", rules: "S4 S5 S6" },
  "section.manage": { resource: "section", idField: "sectionId", decidedBy: "sectionRoles", roles: ["manager"], rules: "S7" },
  "section.createChild": { resource: "section", idField: "parentId", decidedBy: "sectionRoles", roles: ["manager"], rules: "S1 S7" },
  "content.create": { resource: "section", idField: "sectionId", decidedBy: "sectionRoles", roles: EVERY_ROLE, rules: "C1 S7 E4" },
  /** Publish an item straight away when creating it here (authors write drafts). */
  "content.publishIn": { resource: "section", idField: "sectionId", decidedBy: "sectionRoles", roles: EDITORS, rules: "C1 S7" },
  /** C1 G2: write an item in a group, published at once if its author likes (groups have no editors). */
  "content.createInGroup": { resource: "group", idField: "groupId", decidedBy: "groupMembers", rules: "C1 G2 G3 G5" },
  /** C1: share an item into this section (or stop sharing it here): those who may edit here. */
  "section.share": { resource: "section", idField: "sectionId", decidedBy: "sectionRoles", roles: EDITORS, rules: "C1 S7" },
  "section.createTopLevel": { resource: "none", decidedBy: "webmaster", rules: "S1 S4" },
  "section.move": { resource: "none", decidedBy: "webmaster", rules: "S1 S4" },

  // Items (the item's id is `id`); roles are those held in the item's home section, and for an
  // item homed in a group: its author while a member, the group's admins (G2 G5 G6).
  "content.view": { resource: "content", idField: "id", decidedBy: "visibility", rules: "C2" },
  /** Plus the item's author while they hold a role there. */
  "content.edit": { resource: "content", idField: "id", decidedBy: "contentRoles", roles: EDITORS, rules: "C1 S7 G5 G6" },
  "content.publish": { resource: "content", idField: "id", decidedBy: "contentRoles", roles: EDITORS, rules: "C1 S7 G5 G6" },
  /** Plus the author of a draft homed in a section. */
  "content.delete": { resource: "content", idField: "id", decidedBy: "contentRoles", roles: EDITORS, rules: "C1 S7 G5 G6" },
  /** Plus the item's author while they hold a role there (as for edit). */
  "content.history": { resource: "content", idField: "id", decidedBy: "contentRoles", roles: EDITORS, rules: "C1 S7 G5 G6" },

  // Teams (the team's id is `teamId`).
  "team.view": { resource: "team", idField: "teamId", decidedBy: "visibility", rules: "P5 E4 E5" },
  /** Members and admins, the team's name, child teams. */
  "team.manage": { resource: "team", idField: "teamId", decidedBy: "teamAdmins", rules: "P5" },

  // Groups (the group's id is `groupId`).
  "group.view": { resource: "group", idField: "groupId", decidedBy: "visibility", rules: "G1 G3" },
  /** Edit, visibility, delete, members and admins, requests, invitations. */
  "group.manage": { resource: "group", idField: "groupId", decidedBy: "groupRelation", relation: "admin", rules: "G5" },
  "group.join": { resource: "group", idField: "groupId", decidedBy: "groupRelation", relation: "mayJoin", rules: "G1 G3 E5" },
  "group.request": { resource: "group", idField: "groupId", decidedBy: "groupRelation", relation: "mayRequest", rules: "G1 G3 E5" },
  /** Cancel one's own pending request. */
  "group.request.cancel": { resource: "group", idField: "groupId", decidedBy: "groupRelation", relation: "requested", rules: "G1" },
  /** Accept or decline one's own pending invitation. */
  "group.invitation.respond": { resource: "group", idField: "groupId", decidedBy: "groupRelation", relation: "invited", rules: "G1 G5" },
  "group.leave": { resource: "group", idField: "groupId", decidedBy: "groupRelation", relation: "member", rules: "G5" },
  "group.create": { resource: "none", decidedBy: "organisational", rules: "G5 E5" },
  // B1: why a person can or cannot view something, asked by whoever runs it.
  /** Section managers for their sections (S7, cascading), webmasters. */
  "access.explain.section": { resource: "section", idField: "sectionId", decidedBy: "sectionRoles", roles: ["manager"], rules: "B1 S7" },
  /** An item's home-section editors and managers (S7), for a group-homed item whoever may change it (G5 G6), webmasters; only while they can view it. */
  "access.explain.content": { resource: "content", idField: "id", decidedBy: "contentRoles", roles: EDITORS, rules: "B1 S7 G5 G6" },
  /** A group's admins, for the group and its files (G5), webmasters. */
  "access.explain.group": { resource: "group", idField: "groupId", decidedBy: "groupRelation", relation: "admin", rules: "B1 G5" },
  /** The explainer's own page with any section, item, group or file to choose from: webmasters. */
  "access.explain.anything": { resource: "none", decidedBy: "webmaster", rules: "B1 S4" },
  /** B4: the exposure report, everything a person, a team or a partner organisation can view: webmasters. */
  "access.exposure": { resource: "none", decidedBy: "webmaster", rules: "B4 S4" },
  // D1 D6: usage figures, counts only. A figure about an item is shown only where the viewer can view it (lib/analytics/queries.ts).
  /** Everything: the site's figures, every section, group and app, the searches that found nothing. */
  "analytics.site": { resource: "none", decidedBy: "webmaster", rules: "D1 D6" },
  /** A section's figures: its managers (S7, cascading), webmasters. */
  "analytics.section": { resource: "section", idField: "sectionId", decidedBy: "sectionRoles", roles: ["manager"], rules: "D1 D6 S7" },
  /** A group's figures: its admins (G5), webmasters. */
  "analytics.group": { resource: "group", idField: "groupId", decidedBy: "groupRelation", relation: "admin", rules: "D1 D6 G5" },
  /** B2: view the site as another person, read-only, in one's own session: webmasters everywhere, section managers within their sections. */
  "access.viewAs": { resource: "none", decidedBy: "sectionManagerAnywhere", rules: "B2 S4 S7" },
  /** Search and its suggestions: organisational people (webmasters among them); external people have none. */
  "search.use": { resource: "none", decidedBy: "organisational", rules: "D4 E4" },
  /** Tag suggestions while tagging: anyone signed in (what is offered is what they may view, lib/tags/queries.ts). */
  "tags.suggest": { resource: "none", decidedBy: "ownAccount", rules: "D7" },
  /** Rename, merge and delete tags everywhere. */
  "tags.manage": { resource: "none", decidedBy: "webmaster", rules: "D7 M8" },

  // People and one's own account.
  "people.manage": { resource: "none", decidedBy: "webmaster", rules: "M1 M2 M3 P2 P3" },
  "account.own": { resource: "none", decidedBy: "ownAccount", rules: "E3 M4 P2" },
  /** One's own API tokens: make, list and revoke them (external people too: the API shows them what their pages do). */
  "apiTokens.own": { resource: "none", decidedBy: "ownAccount", rules: "D5" },
  /** Everyone's API tokens: list and revoke any. */
  "apiTokens.manage": { resource: "none", decidedBy: "webmaster", rules: "D5 M8" },
  /** One's own calendar feed (C7): make its private address, and reset it. What the feed lists is decided as its person at each request. */
  "calendarFeed.own": { resource: "none", decidedBy: "ownAccount", rules: "C7" },
  /** A profile image: one's own (no `personId`), or anyone's for webmasters. */
  "person.image.remove": { resource: "person", idField: "personId", decidedBy: "ownAccountOrWebmaster", rules: "E3 M3" },
  /** Images in rich text: an upload is shown to nobody but its uploader until an item that uses it is saved (C2). */
  "upload.image": { resource: "none", decidedBy: "writerAnywhere", rules: "C1 S7 G2" },

  // Administration.
  "settings.manage": { resource: "none", decidedBy: "webmaster", rules: "E5 M8" },
  "settings.authentication": { resource: "none", decidedBy: "webmaster", rules: "M4" },
  "import.run": { resource: "none", decidedBy: "webmaster", rules: "M6 D3" },
  "audit.view": { resource: "none", decidedBy: "webmaster", rules: "M8" },
  /** The outgoing e-mail log. */
  "outbox.view": { resource: "none", decidedBy: "webmaster", rules: "M2 M8" },
  /** Revealing a one-time link in the outbox where no mail service is configured (audited, P3 P7). */
  "outbox.link.reveal": { resource: "none", decidedBy: "webmaster", rules: "P3 P7 M8" },
  "sms.outbox.view": { resource: "none", decidedBy: "webmaster", rules: "M4" },
  "export.people": { resource: "none", decidedBy: "exportRules", exportKind: "people", rules: "D3 E4 E5" },
  "export.teams": { resource: "none", decidedBy: "exportRules", exportKind: "teams", rules: "D3 P5 E5" },
  "export.locations": { resource: "none", decidedBy: "exportRules", exportKind: "locations", rules: "D3 E5" },
  /** Every group, with members, requests, invitations and files: the organisation file's `groups` (lib/export/groups.ts). */
  "export.groups": { resource: "none", decidedBy: "webmaster", rules: "D3 G1 G5 G7" },
  /** Everything, as one zip the organisation loader loads into an empty Portico (lib/export/full/archive.ts). */
  "export.everything": { resource: "none", decidedBy: "webmaster", rules: "D3" },

  // Group docs (the group's id is `groupId`, a file's `fileId`): lib/access/group-docs.ts.
  "groupFile.upload": { resource: "group", idField: "groupId", decidedBy: "groupMembers", rules: "G2 G5 G7" },
  /** Add a version, rename, delete. */
  "groupFile.manage": { resource: "groupFile", idField: "fileId", decidedBy: "groupFileManagers", rules: "G5 G7" },

  // Comments and their moderation (K1 K2 K3): lib/comments.
  // (entries below this line)
  /**
   * K1 E3 E5: write a comment or reply on a comment target (`target`: an item, idea, wall post or
   * query, lib/comments/target.ts): who may view it (an item while published; an app's entries
   * while the viewer may use the app).
   */
  "comment.create": { resource: "commentTarget", idField: "target", decidedBy: "commenters", rules: "K1 E3 E5 C2" },
  /** K1: turn a target's comments off or on: an item's author, its section's editors and managers, its group's admins; an idea's or post's author, a query's asker, the app's moderators. */
  "comments.toggle": { resource: "commentTarget", idField: "target", decidedBy: "commentsToggle", rules: "K1 S7 G5 G8" },
  /** E6 K1: mention suggestions while writing a comment on a target: whoever may view it. */
  "comment.mentions": { resource: "commentTarget", idField: "target", decidedBy: "commentViewers", rules: "E6 K1 E5" },
  /** K2 E3: edit one's own comment (its id is `commentId`). */
  "comment.edit": { resource: "comment", idField: "commentId", decidedBy: "commentAuthor", rules: "K2 E3" },
  /** K2 E3: delete one's own comment. */
  "comment.delete": { resource: "comment", idField: "commentId", decidedBy: "commentAuthor", rules: "K2 E3" },
  /** K3 E3: report someone else's comment one can read. */
  "comment.report": { resource: "comment", idField: "commentId", decidedBy: "commentReporters", rules: "K3 E3" },
  /** K2 K3: hide, restore, dismiss reports: the item's section managers (S7), group admins (G5), webmasters; the app's moderators for ideas, wall posts and queries. */
  "comment.moderate": { resource: "comment", idField: "commentId", decidedBy: "commentModerators", rules: "K2 K3 S7 G5 G8" },

  // Favourites, ratings, follows, polls and mention suggestions (K4 E3 E6): lib/reactions, lib/mentions.
  // (entries below this line)
  /** K4 E3: favourite, rate and follow an item: whoever can view it, external people too. */
  "content.react": { resource: "content", idField: "id", decidedBy: "visibility", rules: "K4 E3 C2" },
  /** E3: vote on a poll one can view (the closing date is the action's: lib/content/mutations.ts castVote). */
  "poll.vote": { resource: "content", idField: "id", decidedBy: "visibility", rules: "E3 C2" },
  /** K4: follow a section one can view. */
  "section.follow": { resource: "section", idField: "sectionId", decidedBy: "visibility", rules: "K4 S4 S5 S6" },
  /** K4: follow a group whose content one may read (G1 G3 G6: members; public groups for those with Groups access). */
  "group.follow": { resource: "group", idField: "groupId", decidedBy: "groupReaders", rules: "K4 G1 G3 G6" },
  /** K4: follow another person: organisational people; external people only with the Users switch (E4 E5). */
  "person.follow": { resource: "person", idField: "personId", decidedBy: "profileViewers", rules: "K4 E4 E5" },
  /** E6: mention suggestions while writing in or about an existing item: whoever can view it (they may comment on it, K1). */
  "mention.suggest": { resource: "content", idField: "id", decidedBy: "visibility", rules: "E6 E3 K1" },

  // The people and locations directories and profiles (P6 E2 E4 E5): lib/people, lib/locations.
  // (entries below this line)
  "people.browse": { resource: "none", decidedBy: "appUsers", app: "users", rules: "P6 E4 E5" },
  "locations.browse": { resource: "none", decidedBy: "appUsers", app: "locations", rules: "P6 E5" },
  /** Create, edit and delete locations. */
  "locations.manage": { resource: "none", decidedBy: "webmaster", rules: "P6 M6" },

  // Ideas (G4 G8 K1 K4 E5): lib/ideas.
  // (entries below this line)
  "ideas.use": { resource: "none", decidedBy: "appUsers", app: "ideas", rules: "G4 E4 E5" },
  /** G8: set an idea's status, with a note; hide and restore comments on ideas. */
  "ideas.moderate": { resource: "none", decidedBy: "appModerators", app: "ideas", rules: "G8 K2 K3" },
  /** G8 E5: vote once on an idea (and take the vote back): whoever may use Ideas. */
  "idea.vote": { resource: "idea", idField: "ideaId", decidedBy: "ideaUsers", rules: "G8 E4 E5" },
  /** K4 G8: follow an idea (its status changes, its comments): whoever may use Ideas. */
  "idea.follow": { resource: "idea", idField: "ideaId", decidedBy: "ideaUsers", rules: "K4 G8 E5" },
  /** G4 G8: edit an idea: its author while it is new, the Ideas moderators always. */
  "idea.edit": { resource: "idea", idField: "ideaId", decidedBy: "ideaEditors", rules: "G4 G8" },
  /** G4 G8: delete an idea: its author while it is new, the Ideas moderators always. */
  "idea.delete": { resource: "idea", idField: "ideaId", decidedBy: "ideaEditors", rules: "G4 G8" },

  // The Message Wall (G4 K1–K4 E5): lib/wall.
  // (entries below this line)
  "wall.use": { resource: "none", decidedBy: "appUsers", app: "messageWall", rules: "G4 E4 E5" },
  /** K2 K3: hide and restore wall posts and their comments. */
  "wall.moderate": { resource: "none", decidedBy: "appModerators", app: "messageWall", rules: "K2 K3" },
  /** G4 E5: open a post's permalink (a hidden one as "Hidden by a moderator"). */
  "wallPost.view": { resource: "wallPost", idField: "postId", decidedBy: "wallPostViewers", rules: "G4 E4 E5" },
  /** K4: favourite a post whose text one may read. */
  "wallPost.favourite": { resource: "wallPost", idField: "postId", decidedBy: "wallPostReaders", rules: "K4 G4 E5" },
  /** K2: edit and delete one's own post, while one may use the wall. */
  "wallPost.edit": { resource: "wallPost", idField: "postId", decidedBy: "wallPostAuthor", rules: "K2 G4 E5" },
  "wallPost.delete": { resource: "wallPost", idField: "postId", decidedBy: "wallPostAuthor", rules: "K2 G4 E5" },
  /** K3: report someone else's post one can read. */
  "wallPost.report": { resource: "wallPost", idField: "postId", decidedBy: "wallPostReporters", rules: "K3 G4 E5" },

  // Queries (G4 G8 K5 E5): lib/queries-app.
  // (entries below this line)
  "queries.use": { resource: "none", decidedBy: "appUsers", app: "queries", rules: "G4 E4 E5" },
  /** G8: accept an answer on the asker's behalf. */
  "queries.moderate": { resource: "none", decidedBy: "appModerators", app: "queries", rules: "G8" },
  /** G8 P5: answer a query (its id is `queryId`): the members of its team and of the team's child teams, the app's moderators. */
  "query.answer": { resource: "query", idField: "queryId", decidedBy: "queryAnswerers", rules: "G8 P5 E5" },
  /** G8: accept one of a query's answers, which resolves it: its asker, the app's moderators. */
  "query.accept": { resource: "query", idField: "queryId", decidedBy: "queryAcceptors", rules: "G8 E5" },

  // Apps' moderators are named by webmasters (G8).
  "apps.moderators.manage": { resource: "none", decidedBy: "webmaster", rules: "G8" },

  // Notifications and their e-mail preferences (K5): lib/notifications.
  // (entries below this line)
  /** One's own notifications (the bell, the list, marking read) and e-mail preferences; each is checked again as its recipient when shown (C4 E6). */
  "notifications.own": { resource: "none", decidedBy: "ownAccount", rules: "K5" },
} as const satisfies Record<string, PolicyEntry>;

export type PolicyName = keyof typeof POLICIES;
type Catalogue = typeof POLICIES;
type NamesWhere<K extends keyof PolicyEntry, V> = { [P in PolicyName]: Catalogue[P] extends Record<K, V> ? P : never }[PolicyName];

export type SectionAction = NamesWhere<"resource", "section">;
export type ContentAction = NamesWhere<"resource", "content">;
export type TeamAction = NamesWhere<"resource", "team">;
export type GroupAction = NamesWhere<"resource", "group">;
export type WebmasterAction = NamesWhere<"decidedBy", "webmaster">;
/** Permissions about the product as a whole (no resource). */
export type GlobalAction = NamesWhere<"resource", "none">;

function namesWhere<P extends PolicyName>(test: (entry: PolicyEntry) => boolean): P[] {
  return (Object.keys(POLICIES) as PolicyName[]).filter((name) => test(POLICIES[name])) as P[];
}
const rolesOf = (names: PolicyName[]) => Object.fromEntries(names.map((n) => [n, (POLICIES[n] as PolicyEntry).roles ?? null]));

/** Actions on a section, and the roles (held there or on an ancestor, S7) that allow them; null: decided by visibility. */
export const SECTION_ACTIONS = rolesOf(namesWhere<SectionAction>((e) => e.resource === "section")) as Record<SectionAction, readonly SectionRole[] | null>;
/** Actions on an item decided by visibility or roles (the comment entries decide by lib/access/comments.ts); roles are those held in the item's home section. */
export const CONTENT_ACTIONS = rolesOf(
  namesWhere<ContentAction>((e) => e.resource === "content" && (e.decidedBy === "visibility" || e.decidedBy === "contentRoles")),
) as Record<ContentAction, readonly SectionRole[] | null>;
/** Actions on a team: "admins" (see lib/access/teams.ts for why ancestors count), or null: decided by visibility. */
export const TEAM_ACTIONS = Object.fromEntries(
  namesWhere<TeamAction>((e) => e.resource === "team").map((n) => [n, POLICIES[n].decidedBy === "teamAdmins" ? "admins" : null]),
) as Record<TeamAction, "admins" | null>;
/** Actions only webmasters may take. */
export const WEBMASTER_ACTIONS: readonly WebmasterAction[] = namesWhere<WebmasterAction>((e) => e.decidedBy === "webmaster");

/**
 * The section actions a viewer may take, from the roles they hold there (own or
 * inherited, S7), as read alongside the section itself: lets a page show only the
 * controls the viewer may use without one query per control. Actions still check `can`.
 */
export function sectionActionsFor(viewer: AccessSubject, rolesHeld: readonly SectionRole[]): Set<SectionAction> {
  const allowed = new Set<SectionAction>();
  for (const [action, roles] of Object.entries(SECTION_ACTIONS) as [SectionAction, readonly SectionRole[] | null][]) {
    if (roles === null || viewer.isWebmaster || roles.some((r) => rolesHeld.includes(r))) allowed.add(action);
  }
  return allowed;
}

/** What `contentActionsFor` needs to know of an item the viewer can already view. */
export interface ContentFacts {
  /** Roles the viewer holds on the item's home section, own or inherited (S7); [] when it has none. */
  rolesHeld: readonly SectionRole[];
  /** The viewer's role in the item's home group (G5); null for an item homed in a section. */
  homeGroupRole: GroupRole | null;
  isAuthor: boolean;
  status: "draft" | "published";
}

/**
 * The content actions a viewer may take on an item they can view, from facts read with
 * the item: the same rules as `can` below, without a query per control. Pages use it
 * to decide which controls to show; the actions themselves still ask `can`. A test holds
 * the two to agreement for every person and item (lib/access/matrix.test.ts).
 */
export function contentActionsFor(viewer: AccessSubject, facts: ContentFacts): Set<ContentAction> {
  const allowed = new Set<ContentAction>();
  for (const [action, roles] of Object.entries(CONTENT_ACTIONS) as [ContentAction, readonly SectionRole[] | null][]) {
    if (facts.homeGroupRole !== null) {
      // G2 G5 G6: one rule for every change to an item homed in a group.
      if (roles === null || mayChangeGroupItemAs(viewer, facts.homeGroupRole, facts.isAuthor)) allowed.add(action);
      continue;
    }
    const byRole = roles === null || viewer.isWebmaster || roles.some((r) => facts.rolesHeld.includes(r));
    const asAuthor =
      action === "content.edit" || action === "content.history"
        ? facts.isAuthor && facts.rolesHeld.length > 0
        : action === "content.delete"
          ? facts.isAuthor && facts.status === "draft"
          : false;
    if (byRole || asAuthor) allowed.add(action);
  }
  return allowed;
}

/**
 * Webmaster-only permissions, for pages deciding what to show: the viewer's global role as
 * loaded for this request. Actions decide with `can` on the viewer re-read in their
 * transaction (withLiveRights), so a demotion applies to the very next action.
 */
export function canAsWebmaster(viewer: Pick<AccessSubject, "isWebmaster">, _action: WebmasterAction): boolean {
  return viewer.isWebmaster;
}

export type Resource =
  | { kind: "section"; id: number }
  | { kind: "content"; id: string }
  | { kind: "team"; id: number }
  | { kind: "group"; id: number }
  /** null: the viewer themself. */
  | { kind: "person"; id: string | null }
  | { kind: "groupFile"; id: string }
  | { kind: "comment"; id: string }
  | { kind: "commentTarget"; id: CommentTarget }
  | { kind: "location"; id: number }
  | { kind: "idea"; id: string }
  | { kind: "wallPost"; id: string }
  | { kind: "query"; id: string };

interface ResourceByKind {
  none: null;
  section: Extract<Resource, { kind: "section" }>;
  content: Extract<Resource, { kind: "content" }>;
  team: Extract<Resource, { kind: "team" }>;
  group: Extract<Resource, { kind: "group" }>;
  person: Extract<Resource, { kind: "person" }>;
  groupFile: Extract<Resource, { kind: "groupFile" }>;
  comment: Extract<Resource, { kind: "comment" }>;
  commentTarget: Extract<Resource, { kind: "commentTarget" }>;
  location: Extract<Resource, { kind: "location" }>;
  idea: Extract<Resource, { kind: "idea" }>;
  wallPost: Extract<Resource, { kind: "wallPost" }>;
  query: Extract<Resource, { kind: "query" }>;
}
/** What `can` needs to be told for a permission: null for those about the product as a whole. */
export type ResourceOf<P extends PolicyName> = ResourceByKind[Catalogue[P]["resource"]];

/**
 * May the viewer do this? `db` is the transaction of the action that asks, so the check
 * and the change it guards see the same data; pages leave it out. The viewer's
 * webmaster role is taken as given: actions pass the viewer re-read in their transaction.
 */
export async function can<P extends PolicyName>(viewer: AccessSubject, policy: P, resource: ResourceOf<P>, given?: Db): Promise<boolean> {
  const entry: PolicyEntry = POLICIES[policy];
  const target = resource as Resource | null;
  switch (entry.decidedBy) {
    case "webmaster":
      return viewer.isWebmaster;
    case "ownAccount":
      return ownAccountUsable(viewer, given ?? (await getDb()));
    case "ownAccountOrWebmaster": {
      const personId = target?.kind === "person" ? target.id : null;
      if (personId === null || personId === viewer.id) return ownAccountUsable(viewer, given ?? (await getDb()));
      return viewer.isWebmaster;
    }
    case "sectionManagerAnywhere": {
      if (viewer.isWebmaster) return true;
      const db = given ?? (await getDb());
      const [row] = await db
        .select({ one: sql<number>`1` })
        .from(sectionRoles)
        .where(and(eq(sectionRoles.personId, viewer.id), eq(sectionRoles.role, "manager")))
        .limit(1);
      return row !== undefined;
    }
    case "writerAnywhere": {
      if (viewer.isWebmaster) return true;
      const db = given ?? (await getDb());
      const [row] = await db
        .select({ one: sql<number>`1` })
        .from(people)
        .where(
          and(
            eq(people.id, viewer.id),
            sql`(exists (select 1 from ${sectionRoles} where ${sectionRoles.personId} = ${viewer.id})
              or exists (select 1 from ${groupMembers} where ${groupMembers.personId} = ${viewer.id}))`,
          ),
        )
        .limit(1);
      return row !== undefined;
    }
    case "exportRules":
      return (await exportFields(given ?? (await getDb()), viewer, entry.exportKind!)) !== null;
    case "organisational":
      return viewer.audience === "organisational";
    case "appUsers":
      return externalMayUse(viewer, entry.app!, given);
    case "appModerators":
      return isSwitchableApp(entry.app!) && isAppModerator(viewer, entry.app, given ?? (await getDb()));
    case "profileViewers": {
      const personId = target?.kind === "person" ? target.id : null;
      if (personId === null || personId === viewer.id || !isUuid(personId)) return false;
      const db = given ?? (await getDb());
      const [row] = await db
        .select({ ok: sql<boolean>`${mayViewProfile(viewer, people.id, people.blocked)}` })
        .from(people)
        .where(eq(people.id, personId))
        .limit(1);
      return row?.ok === true;
    }
    default:
      if (!target || target.kind === "person") return false;
      return canOnResource(viewer, policy, entry, target, given ?? (await getDb()));
  }
}

/** The SQL-decided permissions on one section, item or team, asked in one query. */
async function canOnResource(viewer: AccessSubject, policy: PolicyName, entry: PolicyEntry, resource: Exclude<Resource, { kind: "person" }>, db: Db): Promise<boolean> {
  if (isCommentDecision(entry.decidedBy)) return canOnComments(viewer, entry.decidedBy, resource, db);
  if (resource.kind === "group") {
    if (!Number.isSafeInteger(resource.id)) return false;
    const allowed =
      entry.decidedBy === "visibility"
        ? visibleGroups(viewer)
        : entry.decidedBy === "groupMembers"
          ? mayPostInGroup(viewer, groups.id)
          : entry.decidedBy === "groupReaders"
            ? isReadableGroupId(viewer, groups.id)
            : groupRelation(viewer, entry.relation!);
    const [row] = await db.select({ ok: sql<boolean>`${allowed}` }).from(groups).where(eq(groups.id, resource.id)).limit(1);
    return row?.ok === true;
  }
  if (resource.kind === "team") {
    if (!Number.isSafeInteger(resource.id)) return false;
    const allowed = entry.decidedBy === "visibility" ? isVisibleTeamId(viewer, teams.id) : isManagedTeamId(viewer, teams.id);
    const [row] = await db.select({ ok: sql<boolean>`${allowed}` }).from(teams).where(eq(teams.id, resource.id)).limit(1);
    return row?.ok === true;
  }
  if (resource.kind === "groupFile") {
    if (!isUuid(resource.id)) return false;
    const [row] = await db.select({ ok: sql<boolean>`${manageableGroupFiles(viewer)}` }).from(groupFiles).where(eq(groupFiles.id, resource.id)).limit(1);
    return row?.ok === true;
  }
  if (resource.kind === "section") {
    if (!Number.isSafeInteger(resource.id)) return false;
    const allowed =
      entry.decidedBy === "visibility"
        ? visibleSections(viewer)
        : viewer.isWebmaster
          ? sql`true`
          : sql`${sections.id} in ${sectionsWithRole(viewer, entry.roles ?? [])}`;
    const [row] = await db.select({ ok: sql<boolean>`${allowed}` }).from(sections).where(eq(sections.id, resource.id)).limit(1);
    return row?.ok === true;
  }

  // Ideas, wall posts, queries and locations decide their entries in their own modules (below this line).
  if (resource.kind === "idea") return isIdeaDecision(entry.decidedBy) && canOnIdea(viewer, entry.decidedBy, resource.id, db);
  if (isWallPostDecision(entry.decidedBy)) return canOnWallPost(viewer, entry.decidedBy, resource, db);
  if (resource.kind === "query") return isQueryDecision(entry.decidedBy) && canOnQuery(viewer, entry.decidedBy, resource.id, db);
  if (resource.kind !== "content") return false;
  if (!isUuid(resource.id)) return false;
  let allowed;
  if (entry.decidedBy === "visibility") {
    allowed = visibleContent(viewer);
  } else if (viewer.isWebmaster) {
    allowed = sql`true`;
  } else {
    const byRole = sql`${content.homeSectionId} in ${sectionsWithRole(viewer, entry.roles ?? [])}`;
    const asAuthor =
      policy === "content.edit" || policy === "content.history"
        ? sql`(${content.authorId} = ${viewer.id} and ${content.homeSectionId} in ${sectionsWithRole(viewer, EVERY_ROLE)})`
        : policy === "content.delete"
          ? sql`(${content.authorId} = ${viewer.id} and ${content.status} = 'draft' and ${content.homeSectionId} is not null)`
          : sql`false`;
    // Whatever the role, the item itself must be viewable.
    allowed = and(visibleContent(viewer), sql`(${byRole} or ${asAuthor} or ${changeableGroupItems(viewer)})`)!;
  }
  const [row] = await db.select({ ok: sql<boolean>`${allowed}` }).from(content).where(eq(content.id, resource.id)).limit(1);
  return row?.ok === true;
}

/** SQL on a `groups` row: the viewer stands to it as `relation` says (see GroupRelation). */
export function groupRelation(viewer: AccessSubject, relation: GroupRelation): SQL {
  const mine = (table: string, extra: SQL) =>
    sql`exists (select 1 from ${sql.identifier(table)} r where r.group_id = ${groups.id} and r.person_id = ${viewer.id} and ${extra})`;
  // G3, E5: staff always use Groups; external people only with the switch.
  const usesGroups = viewer.audience === "organisational" ? sql`true` : externalSwitchOn("groups");
  switch (relation) {
    case "admin":
      return viewer.isWebmaster ? sql`true` : mine("group_members", sql`r.is_admin`);
    case "member":
      return mine("group_members", sql`true`);
    case "invited":
      return mine("group_invitations", sql`r.status = 'pending'`);
    case "requested":
      return mine("group_join_requests", sql`r.status = 'pending'`);
    case "mayJoin":
      return sql`(${groups.visibility} = 'public' and ${usesGroups})`;
    case "mayRequest":
      return sql`(${groups.visibility} = 'private' and ${usesGroups})`;
  }
}

/** E3, P2: one's own account may be used while it exists and is not blocked. */
async function ownAccountUsable(viewer: AccessSubject, db: Db): Promise<boolean> {
  const [row] = await db.select({ blocked: people.blocked }).from(people).where(eq(people.id, viewer.id)).limit(1);
  return !!row && !row.blocked;
}

/**
 * Who may upload images into rich text (`upload.image`): people who may write content
 * somewhere (a section role anywhere, S7, or webmasters).
 */
export async function canUploadImages(viewer: AccessSubject, given?: Db): Promise<boolean> {
  return can(viewer, "upload.image", null, given);
}
