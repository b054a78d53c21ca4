"use server";
/**
 * B2: viewing the site as someone. Starting is a webmaster's action like any other (the
 * pipeline re-reads them, checks the catalogue's "access.viewAs" and writes the audit row).
 * Ending cannot be: while viewing as someone the request's viewer is that person and the
 * pipeline refuses everything, so it acts on the webmaster behind them (Viewer.asSeenBy),
 * in their own session, and nothing else.
 */
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
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

/** The view-as picker: anyone, for webmasters (lib/access/pickers.ts). */
export const searchPeopleToViewAsAction = defineReadAction({
  input: viewAsPeopleSearch,
  authorize: "access.viewAs",
  run: ({ viewer, input, db }) => pickPeople(viewer, input.query, { db, limit: 8, excludeIds: [viewer.id] }),
});

/** The banner's "End viewing as": back to one's own view, on the view-as page. */
export async function endViewAsAction(): Promise<void> {
  const viewer = await getViewer();
  if (viewer?.asSeenBy && viewer.sessionId) {
    await endViewingAs(await getDb(), { id: viewer.asSeenBy.id, email: viewer.asSeenBy.email }, viewer.sessionId, viewer.id, clientAddress(await headers()));
  }
  redirect(viewer?.asSeenBy ? "/access/view-as" : homeFor(viewer?.audience ?? "organisational"));
}
