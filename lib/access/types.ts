import "server-only";
/**
 * The subjects access is decided for, as types only: the predicates (filters, teams,
 * profiles, external-access, policies) and the loader (viewer.ts) all import these from
 * here, so that no predicate needs the loader and the access core has no import cycle.
 */

import type { ExternalApp } from "@/lib/settings/schemas";

export type Audience = "organisational" | "external";

export interface Viewer {
  id: string;
  name: string;
  email: string;
  audience: Audience;
  isWebmaster: boolean;
  /** True when the session cookie's audience no longer matches the account. */
  sessionAudienceStale: boolean;
  /** May open the Teams directory (canViewTeams in ./teams.ts, E5 and P5), read with the account. */
  canViewTeams: boolean;
  /** The session row of this request's cookie (P3, P7: an ended session stops working); null outside a request. */
  sessionId: string | null;
  /**
   * Webmasters require two-factor sign-in of this person (M4) and they have not set it
   * up: every page but enrolment sends them to /security/two-factor, and actions refuse.
   */
  mustEnrolTwoFactor: boolean;
  /**
   * B2: this viewer is a person a webmaster is viewing the site as, in the webmaster's own
   * session (`by`); every action refuses while it is set. Absent or null: the person themself.
   */
  asSeenBy?: { id: string; name: string; email: string } | null;
  /**
   * B2: a section manager is viewing the site as someone within their own sections: this
   * viewer is the manager's own, and `viewer` is the person's, narrowed to the sections the
   * manager manages (withinSections). Only the pages of those sections and of the items homed
   * in them render with it (lib/access/view-as-scope.ts); every other page is the manager's
   * own, and every action refuses while it is set. Absent or null: not viewing as anyone.
   */
  viewingAsWithin?: { viewer: Viewer; sectionRoots: number[] } | null;
  /**
   * B2: the roots of the only sections this viewer sees (with everything below them): a
   * person as a section manager viewing as them sees them, never anything else of theirs
   * (no other section, no group). Never set on a webmaster (loadViewer refuses that view).
   */
  withinSections?: readonly number[];
  /**
   * The roots of this person's section grants (grantRootIds in ./filters.ts), read live with
   * the account at the start of each request; the access predicates expand them (S2, S3, S7).
   * Absent (a viewer built by hand), the predicates compute the grants in each query instead.
   */
  grantRoots?: number[];
  /** The profile image's id (E3), for the header's account menu; read with the account. */
  imageId?: string | null;
  /** K2 K3: manages a section, administers a group, moderates an app (or is a webmaster): the header links to /moderation. */
  moderates?: boolean;
  /**
   * The apps and directories this person may use now (E5 switches, apps turned off for
   * everyone), read with the account, for the navigation. Pages and actions still ask
   * ./external-access.ts themselves. Absent on a viewer built by hand.
   */
  apps?: Readonly<Record<ExternalApp, boolean>>;
}

/**
 * Who a predicate or check is built for: the part of the Viewer the rules read. `grantRoots`,
 * when present, are the roots of the viewer's grants read at the start of this request
 * (loadViewer): the predicates then expand them down the tree by one index lookup instead of
 * repeating the membership union in every predicate of a query, which PostgreSQL would plan
 * again each time. Without it (scripts, tests of the raw rule), the union is computed in the
 * query itself. Both are the same rule.
 */
export type AccessSubject = Pick<Viewer, "id" | "audience" | "isWebmaster"> & { grantRoots?: readonly number[]; withinSections?: readonly number[] };
