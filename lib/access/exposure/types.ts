/**
 * B4: what the exposure report answers, as data (types only; client components import them
 * with `import type`). The report is for webmasters, who may name every section, group and
 * team, so every name is present; the shapes are the explainer's (../explain/types.ts).
 */
import "server-only";
import type { AccessPath, GroupRef, SectionRef, TeamRef } from "../explain/types";

/** Whose exposure: one person, a team's membership, or a partner organisation's external people. */
export type ExposureSubject = { kind: "person"; id: string } | { kind: "team"; id: number } | { kind: "organisation"; name: string };

export type ExposureSubjectKind = ExposureSubject["kind"];

/** One way in, and (for a team or organisation) how many of its people it serves. */
export interface ExposureReason {
  path: AccessPath;
  /** A person's own report: null. */
  people: number | null;
}

export interface ExposedSection {
  section: SectionRef;
  /** S5: it or a section above it is restricted. */
  restricted: boolean;
  /** Published items listed there (homed in it or shared into it). */
  items: number;
  /** How many of the subject's people view it (a person's own report: null). */
  people: number | null;
  reasons: ExposureReason[];
}

export interface ExposedGroup {
  group: GroupRef;
  /** Published items homed in the group. */
  items: number;
  people: number | null;
  reasons: ExposureReason[];
}

export interface ExposureReport {
  subject: {
    kind: ExposureSubjectKind;
    /** The person's or team's id, or the organisation's name: what the report's address carries. */
    key: string;
    name: string;
    href: string | null;
    /** The people the report is about: 1 for a person, a team's members, an organisation's external people. */
    people: number;
    externalPeople: number;
    /** A person's report: they are blocked (P3) and sign in to nothing; the report is what they would view once unblocked. */
    blocked: boolean;
    /** A team's report: its teams above, nearest first (their additions with child teams reach it too). */
    teamsAbove: TeamRef[];
  };
  sections: ExposedSection[];
  groups: ExposedGroup[];
  /** Distinct published items in all those sections and groups together (an item in two counts once). */
  items: number;
}
