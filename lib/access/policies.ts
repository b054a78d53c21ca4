import "server-only";
/**
 * What a viewer may do: a typed catalogue of actions, the section roles that grant each
 * (S7), and `can(viewer, action, resource)`. Viewing is decided by the same SQL
 * predicates the listings use, so a page and a listing can never disagree.
 */
import { and, eq, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { content, sectionRoles, sections, teams } from "@/db/schema";
import { isUuid } from "@/db/sql";
import { sectionsWithRole, visibleContent, visibleSections } from "./filters";
import type { AccessSubject } from "./types";
import { isManagedTeamId, isVisibleTeamId } from "./teams";

export type SectionRole = "manager" | "editor" | "author";

/** Actions on a section, and the roles (held there or on an ancestor, S7) that allow them. */
export const SECTION_ACTIONS = {
  "section.view": null, // decided by visibleSections (S4–S6), not by roles
  "section.manage": ["manager"],
  "section.createChild": ["manager"],
  "content.create": ["manager", "editor", "author"],
  /** Publish an item straight away when creating it here (authors write drafts). */
  "content.publishIn": ["manager", "editor"],
  /** C1: share an item into this section (or stop sharing it here): those who may edit here. */
  "section.share": ["manager", "editor"],
} as const satisfies Record<string, readonly SectionRole[] | null>;

/** Actions on an item; roles are those held in the item's home section. */
export const CONTENT_ACTIONS = {
  "content.view": null, // decided by visibleContent (C2)
  "content.edit": ["manager", "editor"], // plus the item's author while they hold a role there
  "content.publish": ["manager", "editor"],
  "content.delete": ["manager", "editor"], // plus the author of a draft
  "content.history": ["manager", "editor"], // plus the item's author while they hold a role there (as for edit)
} as const satisfies Record<string, readonly SectionRole[] | null>;

/** Actions only webmasters may take (S4, issue 4: top-level sections and moves). */
export const WEBMASTER_ACTIONS = ["section.createTopLevel", "section.move", "settings.authentication", "sms.outbox.view"] as const;
export type WebmasterAction = (typeof WEBMASTER_ACTIONS)[number];

/**
 * Actions on a team (P5). "admins": administrators of the team or of any team above it,
 * and webmasters (see lib/access/teams.ts for why ancestors count).
 */
export const TEAM_ACTIONS = {
  "team.view": null, // decided by isVisibleTeamId (E4, E5; a team's admins always)
  "team.manage": "admins", // members and admins, the team's name, child teams
} as const satisfies Record<string, "admins" | null>;

export type SectionAction = keyof typeof SECTION_ACTIONS;

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

export type ContentAction = keyof typeof CONTENT_ACTIONS;

/** What `contentActionsFor` needs to know of an item the viewer can already view. */
export interface ContentFacts {
  /** Roles the viewer holds on the item's home section, own or inherited (S7); [] when it has none. */
  rolesHeld: readonly SectionRole[];
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

/** Webmaster-only actions: decided by the viewer's global role, re-read on every request. */
export function canAsWebmaster(viewer: AccessSubject, _action: WebmasterAction): boolean {
  return viewer.isWebmaster;
}
export type TeamAction = keyof typeof TEAM_ACTIONS;

export type Resource = { kind: "section"; id: number } | { kind: "content"; id: string } | { kind: "team"; id: number };


/**
 * `db` is the transaction of the action that asks, so the check and the change it
 * guards see the same data; pages leave it out.
 */
export async function can(viewer: AccessSubject, action: SectionAction, resource: { kind: "section"; id: number }, db?: Db): Promise<boolean>;
export async function can(viewer: AccessSubject, action: ContentAction, resource: { kind: "content"; id: string }, db?: Db): Promise<boolean>;
export async function can(viewer: AccessSubject, action: TeamAction, resource: { kind: "team"; id: number }, db?: Db): Promise<boolean>;
export async function can(viewer: AccessSubject, action: SectionAction | ContentAction | TeamAction, resource: Resource, given?: Db): Promise<boolean> {
  if (resource.kind === "content" && !isUuid(resource.id)) return false;
  const db = given ?? (await getDb());
  if (resource.kind === "team") {
    if (!Number.isSafeInteger(resource.id)) return false;
    const allowed = TEAM_ACTIONS[action as TeamAction] === null ? isVisibleTeamId(viewer, teams.id) : isManagedTeamId(viewer, teams.id);
    const [row] = await db.select({ ok: sql<boolean>`${allowed}` }).from(teams).where(eq(teams.id, resource.id)).limit(1);
    return row?.ok === true;
  }
  if (resource.kind === "section") {
    const roles = SECTION_ACTIONS[action as SectionAction];
    const allowed =
      roles === null
        ? visibleSections(viewer)
        : viewer.isWebmaster
          ? sql`true`
          : sql`${sections.id} in ${sectionsWithRole(viewer, roles)}`;
    const [row] = await db.select({ ok: sql<boolean>`${allowed}` }).from(sections).where(eq(sections.id, resource.id)).limit(1);
    return row?.ok === true;
  }

  const roles = CONTENT_ACTIONS[action as ContentAction];
  let allowed;
  if (roles === null) {
    allowed = visibleContent(viewer);
  } else if (viewer.isWebmaster) {
    allowed = sql`true`;
  } else {
    const byRole = sql`${content.homeSectionId} in ${sectionsWithRole(viewer, roles)}`;
    const asAuthor =
      action === "content.edit" || action === "content.history"
        ? sql`(${content.authorId} = ${viewer.id} and ${content.homeSectionId} in ${sectionsWithRole(viewer, ["manager", "editor", "author"])})`
        : action === "content.delete"
          ? sql`(${content.authorId} = ${viewer.id} and ${content.status} = 'draft')`
          : sql`false`;
    // Whatever the role, the item itself must be viewable.
    allowed = and(visibleContent(viewer), sql`(${byRole} or ${asAuthor})`)!;
  }
  const [row] = await db.select({ ok: sql<boolean>`${allowed}` }).from(content).where(eq(content.id, resource.id)).limit(1);
  return row?.ok === true;
}

/**
 * Who may upload images into rich text: people who may write content somewhere (a
 * section role anywhere, S7, or webmasters). An upload is shown to nobody but its
 * uploader until an item that uses it is saved (then to the item's viewers, C2).
 */
export async function canUploadImages(viewer: AccessSubject, given?: Db): Promise<boolean> {
  if (viewer.isWebmaster) return true;
  const db = given ?? (await getDb());
  const [row] = await db.select({ one: sql<number>`1` }).from(sectionRoles).where(eq(sectionRoles.personId, viewer.id)).limit(1);
  return row !== undefined;
}
