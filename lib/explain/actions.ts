"use server";
/**
 * B1: the explainer's reads as server actions (no transaction, no audit row: asking changes
 * nothing), each re-reading the viewer and checking that they may ask about the target.
 */
import { defineReadAction } from "@/lib/actions";
import { pickPeople } from "@/lib/access/pickers";
import type { Explanation } from "@/lib/access/explain/types";
import { getExplanation, mayExplain, mayExplainSomething, searchTargets } from "./queries";
import { explainInput, explainPeopleSearch, explainTargetSearch } from "./schemas";

const EXPLAIN_POLICIES = ["access.explain.section", "access.explain.content", "access.explain.group", "access.explain.anything"] as const;

/** Why the person can or cannot view the target; null when there is nothing the asker may be told (an unknown id, or one not theirs to ask about). */
export const explainAccessAction = defineReadAction({
  input: explainInput,
  authorize: { policies: EXPLAIN_POLICIES, check: ({ viewer, input, db }) => mayExplain(viewer, input.target, db) },
  run: async ({ viewer, input, db }): Promise<Explanation | null> => {
    const answer = await getExplanation(viewer, input.personId, input.target, db);
    return answer.status === "ok" ? answer.value : null;
  },
});

/** The panel's person picker: whom the one picker rule lets the asker find (lib/access/pickers.ts, E4 E5). */
export const searchPeopleToExplainAction = defineReadAction({
  input: explainPeopleSearch,
  authorize: { policies: EXPLAIN_POLICIES, check: ({ viewer, input, db }) => mayExplain(viewer, input.target, db) },
  run: ({ viewer, input, db }) => pickPeople(viewer, input.query, { db, limit: 8 }),
});

/** The explainer page's target picker. */
export const searchTargetsToExplainAction = defineReadAction({
  input: explainTargetSearch,
  authorize: { policies: EXPLAIN_POLICIES, check: ({ viewer, db }) => mayExplainSomething(viewer, db) },
  run: ({ viewer, input, db }) => searchTargets(viewer, input.query, db),
});
