"use server";
/**
 * B4: the exposure report's reads as server actions (no transaction, no audit row: reading
 * changes nothing), each re-reading the viewer and checking that they are a webmaster.
 */
import { defineReadAction } from "@/lib/actions";
import type { ExposureChoice } from "./schemas";
import { exposureSubjectExists, searchExposureSubjects } from "./queries";
import { exposureSubjectInput, exposureSubjectSearch } from "./schemas";

/** The report's picker: people, teams and partner organisations whose names hold the words typed. */
export const searchExposureSubjectsAction = defineReadAction({
  input: exposureSubjectSearch,
  authorize: "access.exposure",
  run: ({ viewer, input, db }): Promise<ExposureChoice[]> => searchExposureSubjects(viewer, input.query, db),
});

/** Checks the choice before the page loads its report: true when it names someone (the page says so when not). */
export const chooseExposureSubjectAction = defineReadAction({
  input: exposureSubjectInput,
  authorize: "access.exposure",
  run: ({ viewer, input, db }): Promise<boolean> => exposureSubjectExists(viewer, input.subject, db),
});
