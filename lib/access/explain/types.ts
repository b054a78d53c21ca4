/**
 * B1: what the access explainer answers, as data (types only: client components import them with `import type`, which
 * leaves nothing of this module in their bundle). Every section, team and group it
 * names carries `name: null` when the person asking may not see that thing: an explanation
 * never names what its reader could not open (C3, C4).
 */
import "server-only";

export type ExplainTarget =
  | { kind: "section"; id: number }
  | { kind: "item"; id: string }
  | { kind: "group"; id: number }
  | { kind: "file"; id: string };

export type ExplainTargetKind = ExplainTarget["kind"];

export type SectionRole = "manager" | "editor" | "author";

/** A section named in an explanation: `trail` is the titles from the top down to it (its own last), null where the asker may not view one. */
export interface SectionRef {
  id: number;
  name: string | null;
  trail: (string | null)[];
  href: string | null;
}

export interface TeamRef {
  id: number;
  name: string | null;
  href: string | null;
}

export interface GroupRef {
  id: number;
  name: string | null;
  href: string | null;
  visibility: "public" | "private" | "secret";
}

/**
 * How a person reaches a section (S2–S7). `at` is the section the grant is made on: the section
 * itself, or one above it whose membership cascades down (S3).
 */
export type SectionGrant =
  /** S4 */
  | { kind: "webmaster" }
  /** S5: an organisational person, and neither the section nor any section above it is restricted. */
  | { kind: "open" }
  /** S2: a member in their own name. */
  | { kind: "member"; at: SectionRef }
  /** S7: a role implies membership. */
  | { kind: "role"; role: SectionRole; at: SectionRef }
  /**
   * S2: a member of `team`; `up` the teams from just above it to the team added (`added`, absent
   * when their own team was added), which was added to `at` with its child teams when `up` is
   * not empty.
   */
  | { kind: "team"; team: TeamRef; up: TeamRef[]; includeChildren: boolean; at: SectionRef };

/** How a person reads a group's content (G1, G3, G5, G6). */
export type GroupGrant =
  | { kind: "webmaster" }
  | { kind: "member"; admin: boolean }
  /** G1: a public group, read by every organisational person. */
  | { kind: "public" }
  /** G3 E5: a public group, read by external people while the Groups switch is on. */
  | { kind: "public-with-switch" };

/** One path that grants the view: every one the data holds is listed. */
export type AccessPath =
  /** S4, C7, G5, G6: webmasters view everything. */
  | { kind: "webmaster" }
  /** A section (or a file's group, an item's home or share) reached by `grant`. */
  | { kind: "section"; via: "self" | "home" | "share"; section: SectionRef; grant: SectionGrant }
  | { kind: "group"; via: "self" | "home" | "file"; group: GroupRef; grant: GroupGrant }
  /** C2: a draft's author. */
  | { kind: "draft-author" }
  /** C2 S7: an editor or manager of the draft's home section (held there or above it). */
  | { kind: "draft-role"; role: "editor" | "manager"; at: SectionRef; home: SectionRef }
  /** G6: an admin of the draft's home group. */
  | { kind: "draft-group-admin"; group: GroupRef }
  /** A place the asker may not view: the path is there, its details are not theirs to read. */
  | { kind: "hidden-place"; place: "section" | "group" };

/** What stops the view, for a refusal. */
export type AccessBlock =
  /** S6: an external person sees only the sections they are members of, and no membership reaches this one. */
  | { kind: "external-not-member"; via: "self" | "home" | "share"; section: SectionRef }
  /** S5: the section or one above it is restricted (`restricted`: every such section), and no membership reaches it. */
  | { kind: "restricted"; via: "self" | "home" | "share"; section: SectionRef; restricted: SectionRef[] }
  /** C2 G6: a draft, seen only by its author and its home's editors and managers (a group's admins). */
  | { kind: "draft"; home: "section" | "group" }
  /** G1: a private or secret group's content is for its members. */
  | { kind: "members-only"; via: "self" | "home" | "file"; group: GroupRef }
  /** G3 E5: a public group, and the Groups switch is off for external people. */
  | { kind: "groups-switch-off"; via: "self" | "home" | "file"; group: GroupRef };

/** A smallest change that would grant the view (each alone is enough). */
export type AccessRemedy =
  | { kind: "add-member"; section: SectionRef }
  | { kind: "add-team"; team: TeamRef; section: SectionRef }
  | { kind: "lift-restricted"; sections: SectionRef[] }
  | { kind: "give-role"; role: "editor"; section: SectionRef }
  | { kind: "publish" }
  | { kind: "add-to-group"; group: GroupRef; how: "add" | "approve-request" | "invite" }
  | { kind: "make-group-admin"; group: GroupRef }
  | { kind: "groups-switch-on" };

export interface ExplainedPerson {
  id: string;
  name: string;
  audience: "organisational" | "external";
  isWebmaster: boolean;
  /** P3: a blocked person signs in to nothing; the explanation is what they would see once unblocked. */
  blocked: boolean;
}

export interface ExplainedTarget {
  kind: ExplainTargetKind;
  id: number | string;
  title: string;
  href: string;
  /** Items: a draft or published. */
  status?: "draft" | "published";
}

export interface Explanation {
  person: ExplainedPerson;
  target: ExplainedTarget;
  /** Decided by the pages' own predicates (lib/access/filters.ts), not by the paths below. */
  canView: boolean;
  /** Groups and files: the group is shown to the person (its name and description, G1), whether or not they read its content. */
  groupListed?: boolean;
  /** Every path that grants the view; empty for a refusal. */
  paths: AccessPath[];
  /** For a refusal: what stops it. */
  blocks: AccessBlock[];
  /** For a refusal: the smallest changes that would grant it. */
  remedies: AccessRemedy[];
}
