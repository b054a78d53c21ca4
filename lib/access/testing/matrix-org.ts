import "server-only";
/**
 * The organisation behind lib/access/matrix.test.ts: one file that holds, for every
 * (membership path × section state) pair, its own target section with one published news
 * item, plus the viewers that reach it by that path — so one load serves the whole matrix
 * — and small fixtures for sharing, drafts, groups, breadcrumbs and live team changes.
 * Expected results are written from the rules (docs/RULES.md §2–3), never read from the
 * code.
 */
import type { OrgFile } from "@/lib/org-file/schema";

export const AUDIENCES = ["organisational", "external", "webmaster"] as const;
export type MatrixAudience = (typeof AUDIENCES)[number];

/**
 * How the viewer is connected to the target section. Every target sits under a parent,
 * which sits under a grandparent: grandparent › parent › target (› child, for one path).
 */
export const PATHS = [
  "none", // no connection at all
  "direct", // member of the target (S2)
  "team", // member of a team added to the target (S2)
  "team-with-children", // member of a child team; the parent team was added with children (S2)
  "team-with-children-deep", // member of a grandchild team; the top team was added with children (S2)
  "team-without-children", // member of a child team; the parent team was added WITHOUT children (S2, negative)
  "parent-section", // member of the target's parent (S3 cascade)
  "ancestor-section", // member of the target's grandparent (S3 cascade, two levels)
  "parent-section-team", // member of a team added to the target's parent (S2 + S3)
  "section-role", // author on the target (S7: a role implies membership)
  "section-role-on-parent", // author on the target's parent (S7 cascade)
  "child-section", // member of a section BELOW the target (no upward cascade, negative)
] as const;
export type MatrixPath = (typeof PATHS)[number];

/** Paths that make the viewer a member of the target (S2, S3, S7). */
export const GRANTING_PATHS: ReadonlySet<MatrixPath> = new Set<MatrixPath>([
  "direct",
  "team",
  "team-with-children",
  "team-with-children-deep",
  "parent-section",
  "ancestor-section",
  "parent-section-team",
  "section-role",
  "section-role-on-parent",
]);

export const STATES = [
  "open", // grandparent, parent and target all unrestricted
  "restricted", // the target's own flag
  "under-restricted-ancestor", // the parent is restricted, the target is not
  "under-restricted-grandparent", // the grandparent is restricted, parent and target are not
] as const;
export type MatrixState = (typeof STATES)[number];

/** SPEC S4–S6: can a viewer of this audience, connected by this path, view a target in this state? */
export function expectedVisible(audience: MatrixAudience, path: MatrixPath, state: MatrixState): boolean {
  if (audience === "webmaster") return true; // S4
  const member = GRANTING_PATHS.has(path);
  if (audience === "external") return member; // S6: the flag makes no difference
  return state === "open" || member; // S5
}

/** Whether the viewer is a member of the target's parent / grandparent (for reachable-section checks). */
export function memberOfAncestor(path: MatrixPath, level: "parent" | "grandparent"): boolean {
  if (level === "parent") return path === "parent-section" || path === "ancestor-section" || path === "parent-section-team" || path === "section-role-on-parent";
  return path === "ancestor-section";
}

/** SPEC S4–S6 for the target's ancestors. */
export function expectedAncestorVisible(audience: MatrixAudience, path: MatrixPath, state: MatrixState, level: "parent" | "grandparent"): boolean {
  if (audience === "webmaster") return true;
  const member = memberOfAncestor(path, level);
  if (audience === "external") return member;
  const restrictedAbove = level === "parent" ? state === "under-restricted-ancestor" || state === "under-restricted-grandparent" : state === "under-restricted-grandparent";
  return !restrictedAbove || member;
}

export const DOMAIN = "matrix.test";
export const personEmail = (audience: MatrixAudience, path: MatrixPath) => `${audience}.${path}@${DOMAIN}`;
export const targetSlug = (path: MatrixPath, state: MatrixState) => `t-${path}-${state}`;
export const parentSlug = (path: MatrixPath, state: MatrixState) => `p-${path}-${state}`;
export const grandparentSlug = (path: MatrixPath, state: MatrixState) => `g-${path}-${state}`;
export const childSlug = (path: MatrixPath, state: MatrixState) => `c-${path}-${state}`;
/** The published news item homed in a target, by a neutral author. */
export const itemKey = (path: MatrixPath, state: MatrixState) => `item-${path}-${state}`;
/** Items the path's viewer of one audience wrote in the target (for "my content"). */
export const minePublishedKey = (audience: MatrixAudience, path: MatrixPath, state: MatrixState) => `mine-pub-${audience}-${path}-${state}`;
export const mineDraftKey = (audience: MatrixAudience, path: MatrixPath, state: MatrixState) => `mine-draft-${audience}-${path}-${state}`;

export const NEUTRAL_AUTHOR = `author@${DOMAIN}`;
export const NOBODY = {
  organisational: personEmail("organisational", "none"),
  external: personEmail("external", "none"),
  webmaster: personEmail("webmaster", "none"),
} as const;

/** People of the extra fixtures. */
export const P = {
  // Sharing (C2, C3).
  shareExt: `share.ext@${DOMAIN}`,
  // Drafts (C2, S7).
  draftAuthor: `draft.author@${DOMAIN}`,
  draftOtherAuthor: `draft.other-author@${DOMAIN}`,
  draftEditor: `draft.editor@${DOMAIN}`,
  draftManager: `draft.manager@${DOMAIN}`,
  draftParentEditor: `draft.parent-editor@${DOMAIN}`,
  draftParentManager: `draft.parent-manager@${DOMAIN}`,
  draftParentAuthor: `draft.parent-author@${DOMAIN}`,
  draftSiblingEditor: `draft.sibling-editor@${DOMAIN}`,
  draftChildEditor: `draft.child-editor@${DOMAIN}`,
  draftMember: `draft.member@${DOMAIN}`,
  draftExtEditor: `draft.ext-editor@${DOMAIN}`,
  draftExtAuthor: `draft.ext-author@${DOMAIN}`,
  draftExtMember: `draft.ext-member@${DOMAIN}`,
  // Groups (C5, G1, G3, E5).
  groupOrgMember: `group.org-member@${DOMAIN}`,
  groupExtMember: `group.ext-member@${DOMAIN}`,
  // Writing in a group (G2, G5, G6): the private group g-writers.
  gwWriter: `gw.writer@${DOMAIN}`,
  gwExtWriter: `gw.ext-writer@${DOMAIN}`,
  gwAdmin: `gw.admin@${DOMAIN}`,
  gwMember: `gw.member@${DOMAIN}`,
  gwLeaver: `gw.leaver@${DOMAIN}`,
  // Breadcrumbs and children (C3, C5).
  crumbsLeafOrg: `crumbs.leaf-org@${DOMAIN}`,
  crumbsLeafExt: `crumbs.leaf-ext@${DOMAIN}`,
  crumbsMidExt: `crumbs.mid-ext@${DOMAIN}`,
  kidsOrg: `kids.org@${DOMAIN}`,
  kidsExt: `kids.ext@${DOMAIN}`,
  // Live team changes (S2).
  liveExt: `live.ext@${DOMAIN}`,
  liveOrg: `live.org@${DOMAIN}`,
  liveMover: `live.mover@${DOMAIN}`,
} as const;

/** Team keys of the matrix: one (or a small tree) per team path. */
const TEAM_OF_PATH = {
  team: { join: "tm-team", add: "tm-team", includeChildren: false },
  "team-with-children": { join: "tm-twc-child", add: "tm-twc", includeChildren: true },
  "team-with-children-deep": { join: "tm-twcd-grandchild", add: "tm-twcd", includeChildren: true },
  "team-without-children": { join: "tm-twoc-child", add: "tm-twoc", includeChildren: false },
  "parent-section-team": { join: "tm-pst", add: "tm-pst", includeChildren: false },
} as const satisfies Partial<Record<MatrixPath, { join: string; add: string; includeChildren: boolean }>>;

/** Publication times: three items share each minute, so keyset pagination meets ties. */
function publishedAt(index: number): string {
  return new Date(Date.UTC(2026, 0, 1) + Math.floor(index / 3) * 60_000).toISOString();
}

export function buildMatrixOrg(): OrgFile {
  const org: OrgFile = { teams: [], locations: [], people: [], sections: [], content: [], groups: [] };
  let n = 0;
  const at = () => publishedAt(n++);

  org.teams.push(
    { key: "tm-team", name: "Team", parent: null },
    { key: "tm-twc", name: "With children", parent: null },
    { key: "tm-twc-child", name: "With children › child", parent: "tm-twc" },
    { key: "tm-twcd", name: "Deep", parent: null },
    { key: "tm-twcd-child", name: "Deep › child", parent: "tm-twcd" },
    { key: "tm-twcd-grandchild", name: "Deep › child › grandchild", parent: "tm-twcd-child" },
    { key: "tm-twoc", name: "Without children", parent: null },
    { key: "tm-twoc-child", name: "Without children › child", parent: "tm-twoc" },
    { key: "tm-pst", name: "Parent-section team", parent: null },
    // Live changes (S2).
    { key: "live-team", name: "Live team", parent: null },
    { key: "live-parent", name: "Live parent", parent: null },
    { key: "live-orphan", name: "Live orphan", parent: null },
  );

  org.people.push({ email: NEUTRAL_AUTHOR, name: "Neutral Author", audience: "organisational" });
  for (const audience of AUDIENCES) {
    for (const path of PATHS) {
      const team = (TEAM_OF_PATH as Partial<Record<MatrixPath, { join: string }>>)[path];
      org.people.push({
        email: personEmail(audience, path),
        name: `${audience} ${path}`,
        audience: audience === "external" ? "external" : "organisational",
        ...(audience === "webmaster" ? { roles: ["webmaster" as const] } : {}),
        ...(team ? { teams: [team.join] } : {}),
      });
    }
  }

  for (const path of PATHS) {
    const viewers = AUDIENCES.map((a) => personEmail(a, path));
    for (const state of STATES) {
      const g = grandparentSlug(path, state);
      const p = parentSlug(path, state);
      const t = targetSlug(path, state);
      const team = (TEAM_OF_PATH as Partial<Record<MatrixPath, { add: string; includeChildren: boolean }>>)[path];
      org.sections.push(
        {
          slug: g,
          title: `G ${path} ${state}`,
          parent: null,
          restricted: state === "under-restricted-grandparent",
          ...(path === "ancestor-section" ? { members: viewers } : {}),
        },
        {
          slug: p,
          title: `P ${path} ${state}`,
          parent: g,
          restricted: state === "under-restricted-ancestor",
          ...(path === "parent-section" ? { members: viewers } : {}),
          ...(path === "parent-section-team" && team ? { teams: [{ team: team.add, includeChildren: team.includeChildren }] } : {}),
          ...(path === "section-role-on-parent" ? { roles: viewers.map((v) => ({ person: v, role: "author" as const })) } : {}),
        },
        {
          slug: t,
          title: `T ${path} ${state}`,
          parent: p,
          restricted: state === "restricted",
          ...(path === "direct" ? { members: viewers } : {}),
          ...(team && path !== "parent-section-team" ? { teams: [{ team: team.add, includeChildren: team.includeChildren }] } : {}),
          ...(path === "section-role" ? { roles: viewers.map((v) => ({ person: v, role: "author" as const })) } : {}),
        },
      );
      if (path === "child-section") {
        org.sections.push({ slug: childSlug(path, state), title: `C ${path} ${state}`, parent: t, restricted: false, members: viewers });
      }
      org.content.push({
        key: itemKey(path, state),
        type: "news",
        title: `News in ${t}`,
        body: `<p>${t}</p>`,
        section: t,
        author: NEUTRAL_AUTHOR,
        status: "published",
        publishedAt: at(),
      });
      for (const audience of AUDIENCES) {
        org.content.push(
          {
            key: minePublishedKey(audience, path, state),
            type: "blog",
            title: `Published by ${audience} ${path} in ${t}`,
            body: "<p>mine</p>",
            section: t,
            author: personEmail(audience, path),
            status: "published",
            publishedAt: at(),
          },
          {
            key: mineDraftKey(audience, path, state),
            type: "blog",
            title: `Draft by ${audience} ${path} in ${t}`,
            body: "<p>draft</p>",
            section: t,
            author: personEmail(audience, path),
            status: "draft",
            publishedAt: at(), // the loader uses it as the draft's updatedAt
          },
        );
      }
    }
  }

  // ── Sharing (C1, C2, C3): an item homed in a hidden section, shared into others.
  org.people.push({ email: P.shareExt, name: "Share External", audience: "external" });
  org.sections.push(
    { slug: "share-hidden", title: "Share hidden home", parent: null, restricted: true },
    { slug: "share-hidden-2", title: "Share hidden other", parent: null, restricted: true },
    { slug: "share-open", title: "Share open", parent: null, restricted: false },
    { slug: "share-ext", title: "Share for externals", parent: null, restricted: true, members: [P.shareExt] },
  );
  org.content.push(
    {
      key: "shared-item",
      type: "policy",
      title: "Shared policy",
      body: "<p>shared</p>",
      section: "share-hidden",
      sharedInto: ["share-open", "share-hidden-2", "share-ext"],
      author: NEUTRAL_AUTHOR,
      status: "published",
      publishedAt: at(),
    },
    {
      key: "unshared-hidden-item",
      type: "policy",
      title: "Hidden policy, shared only into another hidden section",
      body: "<p>hidden</p>",
      section: "share-hidden",
      sharedInto: ["share-hidden-2"],
      author: NEUTRAL_AUTHOR,
      status: "published",
      publishedAt: at(),
    },
  );

  // ── Drafts (C2, S7): drafts-parent › drafts-home (› drafts-child), drafts-parent › drafts-sibling.
  const org_ = (email: string, name: string) => ({ email, name, audience: "organisational" as const });
  const ext_ = (email: string, name: string) => ({ email, name, audience: "external" as const });
  org.people.push(
    org_(P.draftAuthor, "Draft Author"),
    org_(P.draftOtherAuthor, "Draft Other Author"),
    org_(P.draftEditor, "Draft Editor"),
    org_(P.draftManager, "Draft Manager"),
    org_(P.draftParentEditor, "Draft Parent Editor"),
    org_(P.draftParentManager, "Draft Parent Manager"),
    org_(P.draftParentAuthor, "Draft Parent Author"),
    org_(P.draftSiblingEditor, "Draft Sibling Editor"),
    org_(P.draftChildEditor, "Draft Child Editor"),
    org_(P.draftMember, "Draft Member"),
    ext_(P.draftExtEditor, "Draft External Editor"),
    ext_(P.draftExtAuthor, "Draft External Author"),
    ext_(P.draftExtMember, "Draft External Member"),
  );
  org.sections.push(
    {
      slug: "drafts-parent",
      title: "Drafts parent",
      parent: null,
      restricted: false,
      roles: [
        { person: P.draftParentEditor, role: "editor" },
        { person: P.draftParentManager, role: "manager" },
        { person: P.draftParentAuthor, role: "author" },
      ],
    },
    {
      slug: "drafts-home",
      title: "Drafts home",
      parent: "drafts-parent",
      restricted: false,
      members: [P.draftMember, P.draftExtMember],
      roles: [
        { person: P.draftAuthor, role: "author" },
        { person: P.draftOtherAuthor, role: "author" },
        { person: P.draftEditor, role: "editor" },
        { person: P.draftManager, role: "manager" },
        { person: P.draftExtEditor, role: "editor" },
        { person: P.draftExtAuthor, role: "author" },
      ],
    },
    { slug: "drafts-child", title: "Drafts child", parent: "drafts-home", restricted: false, roles: [{ person: P.draftChildEditor, role: "editor" }] },
    { slug: "drafts-sibling", title: "Drafts sibling", parent: "drafts-parent", restricted: false, roles: [{ person: P.draftSiblingEditor, role: "editor" }] },
  );
  org.content.push(
    { key: "draft-item", type: "page", title: "A draft page", body: "<p>draft</p>", section: "drafts-home", author: P.draftAuthor, status: "draft", publishedAt: at() },
    { key: "draft-item-published", type: "page", title: "A published page", body: "<p>out</p>", section: "drafts-home", author: P.draftAuthor, status: "published", publishedAt: at() },
  );

  // ── Groups (G1, G3, E5, C5).
  org.people.push(org_(P.groupOrgMember, "Group Org Member"), ext_(P.groupExtMember, "Group Ext Member"));
  const groupMembers = [{ person: P.groupOrgMember, admin: true }, { person: P.groupExtMember }];
  org.groups.push(
    { slug: "g-public", name: "Public group", description: "", visibility: "public", members: groupMembers },
    { slug: "g-private", name: "Private group", description: "", visibility: "private", members: groupMembers },
    { slug: "g-secret", name: "Secret group", description: "", visibility: "secret", members: groupMembers },
  );
  for (const v of ["public", "private", "secret"] as const) {
    org.content.push({
      key: `group-${v}-item`,
      type: "news",
      title: `News in the ${v} group`,
      body: "<p>group</p>",
      group: `g-${v}`,
      author: P.groupOrgMember,
      status: "published",
      publishedAt: at(),
    });
  }

  // ── Writing in a group (G2, G5, G6): members write, the admin moderates; the leaver wrote two
  // items while a member and has since left (they are no longer in the member list).
  org.people.push(
    org_(P.gwWriter, "GW Writer"),
    ext_(P.gwExtWriter, "GW Ext Writer"),
    org_(P.gwAdmin, "GW Admin"),
    org_(P.gwMember, "GW Member"),
    org_(P.gwLeaver, "GW Leaver"),
  );
  org.groups.push({
    slug: "g-writers",
    name: "Writers group",
    description: "",
    visibility: "private",
    members: [{ person: P.gwAdmin, admin: true }, { person: P.gwWriter }, { person: P.gwExtWriter }, { person: P.gwMember }],
  });
  const groupItem = (key: string, author: string, status: "draft" | "published") =>
    org.content.push({ key, type: "news", title: `Writers ${key}`, body: "<p>writers</p>", group: "g-writers", author, status, publishedAt: at() });
  groupItem("gw-item", P.gwWriter, "published");
  groupItem("gw-draft", P.gwWriter, "draft");
  groupItem("gw-ext-item", P.gwExtWriter, "published");
  groupItem("gw-left-item", P.gwLeaver, "published");
  groupItem("gw-left-draft", P.gwLeaver, "draft");

  // ── Breadcrumbs (C3, C5): crumbs-top (restricted) › crumbs-mid › crumbs-leaf › crumbs-leaf-kid.
  org.people.push(org_(P.crumbsLeafOrg, "Crumbs Leaf Org"), ext_(P.crumbsLeafExt, "Crumbs Leaf Ext"), ext_(P.crumbsMidExt, "Crumbs Mid Ext"));
  org.sections.push(
    { slug: "crumbs-top", title: "Crumbs top (hidden)", parent: null, restricted: true },
    { slug: "crumbs-mid", title: "Crumbs mid", parent: "crumbs-top", restricted: false, members: [P.crumbsMidExt] },
    { slug: "crumbs-leaf", title: "Crumbs leaf", parent: "crumbs-mid", restricted: false, members: [P.crumbsLeafOrg, P.crumbsLeafExt] },
    { slug: "crumbs-leaf-kid", title: "Crumbs leaf kid", parent: "crumbs-leaf", restricted: false },
  );

  // ── Children lists: kids › {kids-a-open, kids-b-restricted, kids-c-member (restricted, kidsOrg member)}.
  org.people.push(org_(P.kidsOrg, "Kids Org"), ext_(P.kidsExt, "Kids Ext"));
  org.sections.push(
    { slug: "kids", title: "Kids", parent: null, restricted: false, members: [P.kidsExt] },
    { slug: "kids-a-open", title: "Kids A open", parent: "kids", restricted: false },
    { slug: "kids-b-restricted", title: "Kids B restricted", parent: "kids", restricted: true },
    { slug: "kids-c-member", title: "Kids C member", parent: "kids", restricted: true, members: [P.kidsOrg] },
  );

  // ── Live team changes (S2).
  org.people.push(ext_(P.liveExt, "Live Ext"), org_(P.liveOrg, "Live Org"), { ...ext_(P.liveMover, "Live Mover"), teams: ["live-orphan"] });
  org.sections.push(
    { slug: "live-target", title: "Live target", parent: null, restricted: true, teams: [{ team: "live-team", includeChildren: false }] },
    { slug: "live-target-2", title: "Live target 2", parent: null, restricted: true, teams: [{ team: "live-parent", includeChildren: true }] },
  );
  org.content.push(
    { key: "live-item", type: "news", title: "Live news", body: "<p>live</p>", section: "live-target", author: NEUTRAL_AUTHOR, status: "published", publishedAt: at() },
    { key: "live-item-2", type: "news", title: "Live news 2", body: "<p>live</p>", section: "live-target-2", author: NEUTRAL_AUTHOR, status: "published", publishedAt: at() },
  );

  return org;
}
