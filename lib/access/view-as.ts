import "server-only";
/**
 * B2: while someone views the site as another person, every change is refused, whichever way
 * it arrives: the action pipeline (lib/actions.ts) and the route handlers that write ask here.
 * A webmaster's view (Viewer.asSeenBy: the request's viewer is the person) covers every page;
 * a section manager's (Viewer.viewingAsWithin: the viewer is the manager) only their sections'
 * pages (./view-as-scope.ts), but refuses changes everywhere all the same: one rule, read-only.
 */
import type { Viewer } from "./types";

export function viewingAsMessage(viewer: Pick<Viewer, "name">): string {
  return `You are viewing Portico as ${viewer.name}; nothing can be changed. End viewing as them to make changes.`;
}

/** The refusal for a change made while viewing as someone, or null when the viewer is themself. */
export function refusalWhileViewingAs(viewer: Pick<Viewer, "name" | "asSeenBy" | "viewingAsWithin">): string | null {
  if (viewer.asSeenBy) return viewingAsMessage(viewer);
  if (viewer.viewingAsWithin) return viewingAsMessage(viewer.viewingAsWithin.viewer);
  return null;
}

/** Whom the viewer is viewing the site as, on any page (for the banner), or null. */
export function viewedPerson(viewer: Viewer): { name: string; audience: Viewer["audience"]; onlyWithinSections: boolean } | null {
  if (viewer.asSeenBy) return { name: viewer.name, audience: viewer.audience, onlyWithinSections: false };
  if (viewer.viewingAsWithin) return { name: viewer.viewingAsWithin.viewer.name, audience: viewer.viewingAsWithin.viewer.audience, onlyWithinSections: true };
  return null;
}
