"use server";
/**
 * B2: viewing the site as someone. Starting is a webmaster's or a section manager's action
 * like any other (the pipeline re-reads them, checks the catalogue's "access.viewAs" and
 * writes the audit row). Ending cannot be: while viewing as someone the pipeline refuses
 * everything, so it acts on the asker alone (the webmaster behind the person, Viewer.asSeenBy;
 * the section manager, Viewer.viewingAsWithin), in their own session, and nothing else.
 */
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { people } from "@/db/schema";
import { pickPeople } from "@/lib/access/pickers";
import { getViewer } from "@/lib/access/viewer";
import { defineAction, defineReadAction } from "@/lib/actions";
import { clientAddress } from "@/lib/auth/auth";
import { homeFor } from "@/lib/routes";
import { endViewingAs, startViewingAs } from "./mutations";
import { startViewAsInput, viewAsPeopleSearch } from "./schemas";

export const startViewAsAction = defineAction({
  name: "access.view-as.start",
  input: startViewAsInput,
  authorize: "access.viewAs",
  run: ({ viewer, input, tx }) => startViewingAs(tx, viewer, input.personId),
  audit: (input) => ({ target: { type: "person", id: input.personId }, details: {} }),
});

/** The view-as picker: whom the viewer may pick (lib/access/pickers.ts); for a section manager, never a webmaster. */
export const searchPeopleToViewAsAction = defineReadAction({
  input: viewAsPeopleSearch,
  authorize: "access.viewAs",
  run: ({ viewer, input, db }) =>
    pickPeople(viewer, input.query, {
      db,
      limit: 8,
      excludeIds: [viewer.id],
      where: viewer.isWebmaster ? undefined : sql`not (${people.audience} = 'organisational' and 'webmaster' = any(${people.roles}))`,
    }),
});

/** The banner's "End viewing as": back to one's own view, on the view-as page. */
export async function endViewAsAction(): Promise<void> {
  const viewer = await getViewer();
  // A webmaster's request comes as the person (asSeenBy: the webmaster); a section manager's as themself.
  const viewing = viewer?.asSeenBy
    ? { asker: viewer.asSeenBy, viewedId: viewer.id }
    : viewer?.viewingAsWithin
      ? { asker: { id: viewer.id, email: viewer.email }, viewedId: viewer.viewingAsWithin.viewer.id }
      : null;
  if (viewing && viewer?.sessionId) {
    await endViewingAs(await getDb(), { id: viewing.asker.id, email: viewing.asker.email }, viewer.sessionId, viewing.viewedId, clientAddress(await headers()));
  }
  redirect(viewing ? "/access/view-as" : homeFor(viewer?.audience ?? "organisational"));
}
