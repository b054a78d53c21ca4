import "server-only";
/**
 * B2: while a webmaster views the site as someone (Viewer.asSeenBy), every page is that
 * person's and every change is refused, whichever way it arrives: the action pipeline
 * (lib/actions.ts) and the route handlers that write ask here.
 */
import type { Viewer } from "./types";

export function viewingAsMessage(viewer: Pick<Viewer, "name">): string {
  return `You are viewing Portico as ${viewer.name}; nothing can be changed. End viewing as them to make changes.`;
}

/** The refusal for a change made while viewing as someone, or null when the viewer is themself. */
export function refusalWhileViewingAs(viewer: Pick<Viewer, "name" | "asSeenBy">): string | null {
  return viewer.asSeenBy ? viewingAsMessage(viewer) : null;
}
