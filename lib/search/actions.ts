"use server";
/**
 * D4: the header's suggestions as a read action (no transaction, no audit row), the viewer
 * re-read and "search.use" checked like every action (E4: none for external people).
 */
import { z } from "zod";
import { defineReadAction } from "@/lib/actions";
import { searchText } from "@/lib/validation/text";
import { SEARCH_MAX } from "./params";
import { suggest } from "./suggest";

export const suggestSearchAction = defineReadAction({
  input: z.object({ query: searchText(SEARCH_MAX, `Search for at most ${SEARCH_MAX} characters.`) }),
  authorize: "search.use",
  run: ({ viewer, input, db }) => suggest(viewer, input.query, db),
});
