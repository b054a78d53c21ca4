/**
 * B4: the exposure report in words: one short line for each way in (for the table and the
 * CSV; the explainer, linked from each row, says it in full), and the report's summary.
 */
import type { SectionGrant, TeamRef } from "@/lib/access/explain/types";
import type { ExposureReason, ExposureReport } from "@/lib/access/exposure/types";
import { sectionName } from "./explain-words";

const teamName = (ref: TeamRef) => (ref.name === null ? "a team you cannot see" : `team ${ref.name}`);
const roleName = (role: string) => role.charAt(0).toUpperCase() + role.slice(1);
const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

function grantWords(grant: SectionGrant, sectionId: number): string {
  const below = (at: { id: number }) => (at.id === sectionId ? "" : " (cascades down)");
  switch (grant.kind) {
    case "webmaster":
      return "Webmaster";
    case "open":
      return "Open: neither it nor a section above it is restricted";
    case "member":
      return `Member of ${sectionName(grant.at)}${below(grant.at)}`;
    case "role":
      return `${roleName(grant.role)} of ${sectionName(grant.at)}${below(grant.at)}`;
    case "team": {
      const chain = grant.up.length ? `, a child team of ${grant.up.map(teamName).join(", a child team of ")},` : "";
      // The team added is the last of the chain (or their own team); "with its child teams" is what lets a chain reach.
      const added = grant.up.length || grant.includeChildren ? "added with its child teams" : "added";
      return `In ${teamName(grant.team)}${chain} ${added} to ${sectionName(grant.at)}${below(grant.at)}`;
    }
  }
}

/** One way in, in a few words; for an organisation, how many of its people it serves first. */
export function reasonWords(reason: ExposureReason, kind: ExposureReport["subject"]["kind"]): string {
  const { path } = reason;
  const words =
    path.kind === "webmaster"
      ? "Webmaster: views everything"
      : path.kind === "section"
        ? grantWords(path.grant, path.section.id)
        : path.kind === "group"
          ? path.grant.kind === "member"
            ? path.grant.admin
              ? "Group admin"
              : "Group member"
            : path.grant.kind === "public"
              ? "Public group: every organisational person reads it"
              : path.grant.kind === "public-with-switch"
                ? "Public group, and the Groups switch is on"
                : "Webmaster"
          : path.kind === "hidden-place"
            ? `Through ${path.place === "section" ? "a section" : "a group"} you cannot view`
            : "";
  return kind === "organisation" && reason.people !== null ? `${count(reason.people, "person", "people")}: ${words}` : words;
}

/** "Erin Cole (external) can view 4 sections, 2 groups and 1,203 published items." */
export function summaryWords(report: ExposureReport): string {
  const { subject } = report;
  const what = [count(report.sections.length, "section", "sections"), ...(subject.kind === "team" ? [] : [count(report.groups.length, "group", "groups")])];
  const items = count(report.items, "published item", "published items");
  switch (subject.kind) {
    case "person":
      return `${subject.name}${subject.externalPeople ? " (external)" : ""} can view ${what.join(", ")} and ${items}.${subject.blocked ? " They are blocked and sign in to nothing: this is what they would view once unblocked." : ""}`;
    case "team":
      return `Membership of team ${subject.name} (${count(subject.people, "member", "members")}, ${subject.externalPeople.toLocaleString("en-GB")} external) gives access to ${what.join(", ")} and ${items}. Teams are not members of groups.`;
    case "organisation":
      return `The ${count(subject.people, "external person", "external people")} of ${subject.name} can view, between them, ${what.join(", ")} and ${items}.`;
  }
}
