/**
 * B1: an explanation (lib/access/explain/types.ts) in words: one sentence for each path,
 * block and remedy, and each path as a chain of links from the person to the thing. Names the
 * asker may not see arrive as null and are said as "a section you cannot view".
 */
import type { AccessBlock, AccessPath, AccessRemedy, Explanation, GroupRef, SectionGrant, SectionRef, TeamRef } from "@/lib/access/explain/types";

export interface ChainLink {
  label: string;
  href: string | null;
}

const HIDDEN_SECTION = "a section you cannot view";
const HIDDEN_GROUP = "a group you cannot see";
const HIDDEN_TEAM = "a team you cannot see";

export function sectionName(ref: SectionRef): string {
  if (ref.name === null) return HIDDEN_SECTION;
  // The trail from the top; sections above that the asker cannot view show as "…".
  return ref.trail.map((t) => t ?? "…").join(" › ");
}
const groupName = (ref: GroupRef) => (ref.name === null ? HIDDEN_GROUP : ref.name);
const teamName = (ref: TeamRef) => (ref.name === null ? HIDDEN_TEAM : `team ${ref.name}`);
const roleName = (role: string) => role.charAt(0).toUpperCase() + role.slice(1);

/** "…; membership there cascades to X" when the grant is made on a section above (S3). */
function cascade(at: SectionRef, section: SectionRef, what = "membership"): string {
  return at.id === section.id ? "" : `; ${what} there cascades to ${sectionName(section)}`;
}

function sectionGrantWords(grant: SectionGrant, section: SectionRef): string {
  switch (grant.kind) {
    case "webmaster":
      return "a webmaster, who can view every section";
    case "open":
      return `${sectionName(section)} and every section above it are open: none is restricted, so every organisational person can view it`;
    case "member":
      return `a member of ${sectionName(grant.at)} in their own name${cascade(grant.at, section)}`;
    case "role":
      return `${roleName(grant.role)} of ${sectionName(grant.at)}, and a role includes membership${cascade(grant.at, section)}`;
    case "team": {
      const chain = grant.up.map((t, i) => `${i === 0 ? ", a child team of" : ", which is a child team of"} ${teamName(t)}`).join("");
      const added = grant.up.length ? ", which was added with its child teams to" : ", which was added to";
      return `a member of ${teamName(grant.team)}${chain}${added} ${sectionName(grant.at)}${cascade(grant.at, section, "access")}`;
    }
  }
}

const SECTION_VIA: Record<"self" | "home" | "share", string> = { self: "", home: "Through its home section: ", share: "Through a section it is shared into: " };
const GROUP_VIA: Record<"self" | "home" | "file", string> = { self: "", home: "Through its group: ", file: "Through the file's group: " };

export function pathWords(path: AccessPath, person: string): string {
  switch (path.kind) {
    case "webmaster":
      return `${person} is a webmaster, and webmasters can view everything.`;
    case "section":
      return `${SECTION_VIA[path.via]}${person} is ${sectionGrantWords(path.grant, path.section)}.`;
    case "group": {
      const g = groupName(path.group);
      const words =
        path.grant.kind === "member"
          ? `${person} is ${path.grant.admin ? "an admin" : "a member"} of ${g}`
          : path.grant.kind === "public"
            ? `${g} is public, and every organisational person reads public groups`
            : path.grant.kind === "public-with-switch"
              ? `${g} is public, and the Groups switch lets external people read public groups`
              : `${person} is a webmaster`;
      return `${GROUP_VIA[path.via]}${words}.`;
    }
    case "draft-author":
      return `${person} wrote this draft, and a draft is seen by its author.`;
    case "draft-role":
      return `${person} is ${roleName(path.role)} of ${sectionName(path.at)}${cascade(path.at, path.home, "the role")}, and the home section's editors and managers see its drafts.`;
    case "draft-group-admin":
      return `${person} is an admin of ${groupName(path.group)}, and a group's admins see its drafts.`;
    case "hidden-place":
      return path.place === "section" ? `Through ${HIDDEN_SECTION}.` : `Through ${HIDDEN_GROUP}.`;
  }
}

/** The path as links from the person to the thing. */
export function pathChain(path: AccessPath, person: string, target: Explanation["target"]): ChainLink[] {
  const start: ChainLink = { label: person, href: null };
  const end: ChainLink = { label: target.title, href: target.href };
  const section = (ref: SectionRef): ChainLink => ({ label: sectionName(ref), href: ref.href });
  const group = (ref: GroupRef): ChainLink => ({ label: groupName(ref), href: ref.href });
  const team = (ref: TeamRef): ChainLink => ({ label: teamName(ref), href: ref.href });
  const upTo = (links: ChainLink[]) => {
    const out = [start, ...links];
    // The thing itself ends the chain once, however the last link names it.
    return out[out.length - 1]?.href === end.href ? out : [...out, end];
  };
  switch (path.kind) {
    case "webmaster":
    case "draft-author":
      return [start, end];
    case "hidden-place":
      return [start, { label: path.place === "section" ? HIDDEN_SECTION : HIDDEN_GROUP, href: null }, end];
    case "draft-role":
      return upTo([section(path.at), ...(path.at.id === path.home.id ? [] : [section(path.home)])]);
    case "draft-group-admin":
      return upTo([group(path.group)]);
    case "group":
      return upTo([group(path.group)]);
    case "section": {
      const g = path.grant;
      const at = g.kind === "member" || g.kind === "role" || g.kind === "team" ? g.at : null;
      const teams = g.kind === "team" ? [team(g.team), ...g.up.map(team)] : [];
      const places = at && at.id !== path.section.id ? [section(at), section(path.section)] : [section(path.section)];
      return upTo([...teams, ...places]);
    }
  }
}

const BLOCK_VIA: Record<string, string> = { self: "", home: "Its home section: ", share: "A section it is shared into: ", file: "" };

export function blockWords(block: AccessBlock, person: string): string {
  switch (block.kind) {
    case "external-not-member":
      return `${BLOCK_VIA[block.via]}${person} is an external person, and external people see only the sections they are members of; no membership of theirs reaches ${sectionName(block.section)}.`;
    case "restricted": {
      const own = block.restricted.some((r) => r.id === block.section.id);
      const above = block.restricted.filter((r) => r.id !== block.section.id).map(sectionName);
      const why = [own ? `${sectionName(block.section)} is restricted` : null, above.length ? `${own ? "it is also" : `${sectionName(block.section)} is`} below ${above.join(" and ")}, which ${above.length > 1 ? "are" : "is"} restricted` : null]
        .filter(Boolean)
        .join(", and ");
      return `${BLOCK_VIA[block.via]}${why}, and no membership of ${person}'s reaches it.`;
    }
    case "draft":
      return block.home === "section"
        ? "It is a draft: only its author, its home section's editors and managers, and webmasters see it."
        : "It is a draft: only its author, the group's admins and webmasters see it.";
    case "members-only":
      return `${block.via === "self" ? "" : "Its group: "}${groupName(block.group)} is ${block.group.name === null ? "not open to them" : block.group.visibility}: only its members read its content, and ${person} is not one.`;
    case "groups-switch-off":
      return `${block.via === "self" ? "" : "Its group: "}${groupName(block.group)} is public, but the Groups switch is off: external people read only the groups they are members of.`;
  }
}

export interface RemedyText {
  text: string;
  /** Where the change is made, when the asker can go there. */
  href: string | null;
}

export function remedyWords(remedy: AccessRemedy, person: string): RemedyText {
  const manage = (ref: SectionRef) => (ref.href ? `${ref.href}/manage` : null);
  const manageGroup = (ref: GroupRef) => (ref.href ? `${ref.href}/manage` : null);
  switch (remedy.kind) {
    case "add-member":
      return { text: `Add ${person} to ${sectionName(remedy.section)} as a member.`, href: manage(remedy.section) };
    case "add-team":
      return { text: `Add their ${teamName(remedy.team)} to ${sectionName(remedy.section)} (everyone in that team gets access).`, href: manage(remedy.section) };
    case "lift-restricted":
      return {
        text: `Lift Restricted on ${remedy.sections.map(sectionName).join(" and ")} (this opens ${remedy.sections.length > 1 ? "them" : "it"} to every organisational person).`,
        href: remedy.sections[0]?.href ? `${remedy.sections[0].href}/manage/settings` : null,
      };
    case "give-role":
      return { text: `Make ${person} ${remedy.role === "editor" ? "an editor" : remedy.role} of ${sectionName(remedy.section)}.`, href: manage(remedy.section) };
    case "publish":
      return { text: "Publish it: once published, they can view it where it is.", href: null };
    case "add-to-group":
      return {
        text:
          remedy.how === "approve-request"
            ? `Approve ${person}'s request to join ${groupName(remedy.group)}.`
            : remedy.how === "invite"
              ? `Invite ${person} to ${groupName(remedy.group)}, or add them as a member.`
              : `Add ${person} to ${groupName(remedy.group)} as a member.`,
        href: manageGroup(remedy.group),
      };
    case "make-group-admin":
      return { text: `Make ${person} an admin of ${groupName(remedy.group)}.`, href: manageGroup(remedy.group) };
    case "groups-switch-on":
      return { text: "Turn on the Groups switch for external people (this opens every public group to every external person).", href: "/admin/settings/external-access" };
  }
}

/** The verdict in one line. */
export function verdictWords(e: Explanation): string {
  const what = `${e.target.title}`;
  if (e.canView) return `${e.person.name} can view ${what}.`;
  if (e.target.kind === "group" && e.groupListed) return `${e.person.name} sees ${what} in the groups directory, by its name and description, but cannot read its content.`;
  return `${e.person.name} cannot view ${what}.`;
}
