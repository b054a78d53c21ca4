/**
 * The authoring forms' schemas, shared by the client forms (react-hook-form) and the
 * server actions that parse the same input again. No server-only imports here.
 */
import { z } from "zod";
import { tagList } from "@/lib/tags/schemas";
import { INT_MAX, dbId, intInRange, plainText } from "@/lib/validation/text";
import { isValidDate, isValidTime } from "./time";

export const CONTENT_TYPES = ["news", "policy", "page", "blog", "event", "poll"] as const;
export type ContentTypeName = (typeof CONTENT_TYPES)[number];

export const TITLE_MAX = 200;
/** Stored HTML, after the editor: generous for long policies, small enough to refuse abuse. */
export const BODY_MAX = 200_000;
export const PLACE_MAX = 300;
export const OPTION_MAX = 200;
export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 10;
/** E3: who sees a poll's results while it is open (poll_settings.results_shown). */
export const POLL_RESULTS_SHOWN = ["after_voting", "after_closing"] as const;
export type PollResultsShown = (typeof POLL_RESULTS_SHOWN)[number];
/** E3: a closing date without a time closes at the end of that day. */
export const POLL_DEFAULT_CLOSING_TIME = "23:59";

/** What the person asks for when saving: keep the status (a draft stays a draft), or publish. */
export const SAVE_INTENTS = ["save", "publish"] as const;

const uuid = z.uuid("This item could not be found. Reload the page.");
const sectionId = dbId("Choose a section.");
const groupId = dbId("Choose a group.");
/** The version a form started from (C3): a whole number a stored version can be. */
const baseVersion = intInRange(1, INT_MAX, "This form is out of date. Reload the page, then make your change again.");

const eventFields = z.object({
  startsDate: z.string().trim().default(""),
  startsTime: z.string().trim().default(""),
  endsDate: z.string().trim().default(""),
  endsTime: z.string().trim().default(""),
  place: plainText(PLACE_MAX, { tooLong: `Enter a place of at most ${PLACE_MAX} characters.` }).default(""),
});

const pollFields = z.object({
  options: z
    .array(
      z.object({
        /** The option's id when it already exists (votes for it are kept). */
        id: dbId("This option could not be found. Reload the page, then try again.").optional(),
        label: plainText(OPTION_MAX, { tooLong: `Enter an option of at most ${OPTION_MAX} characters.` }),
      }),
    )
    .max(50, `Give at most ${POLL_MAX_OPTIONS} options.`),
  /** E3: when voting ends, in the organisation's local time; both empty: open until edited. */
  closesDate: z.string().trim().default(""),
  closesTime: z.string().trim().default(""),
  resultsShown: z.enum(POLL_RESULTS_SHOWN, { error: "Choose when voters see the results." }).default("after_voting"),
});

const contentFields = {
  type: z.enum(CONTENT_TYPES, { error: "Choose what kind of item this is." }),
  title: plainText(TITLE_MAX, { invalid: "Enter a title.", required: "Enter a title.", tooLong: `Enter a title of at most ${TITLE_MAX} characters.` }),
  // HTML: the sanitiser (C6) drops NUL and other control characters on save, as a browser's parser does.
  body: z.string().max(BODY_MAX, "The text is too long. Split it into more than one item.").default(""),
  /** D7: chosen from the tags in use, or new ones. */
  tags: tagList,
  intent: z.enum(SAVE_INTENTS).default("save"),
  event: eventFields.optional(),
  poll: pollFields.optional(),
};

type ContentFields = z.output<z.ZodObject<typeof contentFields>>;

/** The rules that span fields: event times, poll options. Messages name the field they sit beside. */
function checkTypeFields(value: ContentFields, ctx: z.RefinementCtx): void {
  if (value.type === "event") {
    const e = value.event ?? { startsDate: "", startsTime: "", endsDate: "", endsTime: "", place: "" };
    const problem = (field: keyof typeof e, message: string) => ctx.addIssue({ code: "custom", path: ["event", field], message });
    if (!e.startsDate) problem("startsDate", "Enter the date the event starts.");
    else if (!isValidDate(e.startsDate)) problem("startsDate", "Enter a real date, for example 2027-03-14.");
    if (!e.startsTime) problem("startsTime", "Enter the time the event starts.");
    else if (!isValidTime(e.startsTime)) problem("startsTime", "Enter a time in 24-hour form, for example 09:30.");
    if (e.endsDate && !isValidDate(e.endsDate)) problem("endsDate", "Enter a real date, for example 2027-03-14.");
    if (e.endsTime && !isValidTime(e.endsTime)) problem("endsTime", "Enter a time in 24-hour form, for example 17:00.");
    if (e.endsDate && !e.endsTime) problem("endsTime", "Enter the time the event ends, or clear the end date.");
    const ends = endOf(e);
    if (ends && isValidDate(e.startsDate) && isValidTime(e.startsTime) && isValidDate(ends.date) && isValidTime(ends.time)) {
      if (`${ends.date}T${ends.time}` < `${e.startsDate}T${e.startsTime}`) {
        problem(e.endsDate ? "endsDate" : "endsTime", "The event cannot end before it starts.");
      }
    }
  }
  if (value.type === "poll") {
    const options = value.poll?.options ?? [];
    const seen = new Map<string, number>();
    options.forEach((o, i) => {
      if (!o.label) {
        ctx.addIssue({ code: "custom", path: ["poll", "options", i, "label"], message: "Enter this option's text, or remove the option." });
        return;
      }
      const key = o.label.toLocaleLowerCase("en-GB").replace(/\s+/g, " ");
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["poll", "options", i, "label"], message: `This is the same as option ${first + 1}. Each option must be different.` });
      } else {
        seen.set(key, i);
      }
    });
    const poll = value.poll;
    if (poll?.closesDate && !isValidDate(poll.closesDate)) {
      ctx.addIssue({ code: "custom", path: ["poll", "closesDate"], message: "Enter a real date, for example 2027-03-14." });
    }
    if (poll?.closesTime && !isValidTime(poll.closesTime)) {
      ctx.addIssue({ code: "custom", path: ["poll", "closesTime"], message: "Enter a time in 24-hour form, for example 17:00." });
    } else if (poll?.closesTime && !poll.closesDate) {
      ctx.addIssue({ code: "custom", path: ["poll", "closesDate"], message: "Enter the date the poll closes, or clear the closing time." });
    }
    if (options.length < POLL_MIN_OPTIONS) {
      ctx.addIssue({ code: "custom", path: ["poll", "options"], message: `Give at least ${POLL_MIN_OPTIONS} options to vote on.` });
    } else if (options.length > POLL_MAX_OPTIONS) {
      ctx.addIssue({ code: "custom", path: ["poll", "options"], message: `Give at most ${POLL_MAX_OPTIONS} options.` });
    }
  }
}

/** An end given only as a time is on the start date. */
export function endOf(e: { startsDate: string; endsDate: string; endsTime: string }): { date: string; time: string } | null {
  if (!e.endsTime) return null;
  return { date: e.endsDate || e.startsDate, time: e.endsTime };
}

/** The fields of the create and edit forms. */
export const contentFormSchema = z.object(contentFields).superRefine(checkTypeFields);
export type ContentFormInput = z.input<typeof contentFormSchema>;
export type ContentFormValues = z.output<typeof contentFormSchema>;

/** C1: an item has exactly one home, a section or a group; the create form names one of them. */
export const NO_HOME_MESSAGE = "Choose where this item goes: a section or a group.";
export const TWO_HOMES_MESSAGE = "An item has one home: a section or a group, not both.";

/** Create: the form plus its home, the section or the group it goes into (C1: exactly one). */
export const createContentSchema = z
  .object({ ...contentFields, sectionId: sectionId.optional(), groupId: groupId.optional() })
  .superRefine((value, ctx) => {
    if (value.sectionId === undefined && value.groupId === undefined) ctx.addIssue({ code: "custom", path: ["sectionId"], message: NO_HOME_MESSAGE });
    if (value.sectionId !== undefined && value.groupId !== undefined) ctx.addIssue({ code: "custom", path: ["groupId"], message: TWO_HOMES_MESSAGE });
    checkTypeFields(value, ctx);
  });
export type CreateContentInput = z.output<typeof createContentSchema>;

/** Where a new item lives (C1). */
export type ContentHome = { kind: "section"; id: number } | { kind: "group"; id: number };

/** The one home a parsed create input names (the schema has refused none and both). */
export function homeOf(input: Pick<CreateContentInput, "sectionId" | "groupId">): ContentHome {
  if (input.groupId !== undefined) return { kind: "group", id: input.groupId };
  if (input.sectionId !== undefined) return { kind: "section", id: input.sectionId };
  throw new Error(NO_HOME_MESSAGE);
}

/**
 * Edit: the form plus the item and the version the form started from. A newer saved
 * version makes the save fail (nothing is overwritten, the form keeps the person's text).
 */
export const updateContentSchema = z
  .object({ ...contentFields, id: uuid, baseVersion })
  .superRefine(checkTypeFields);
export type UpdateContentInput = z.output<typeof updateContentSchema>;

export const publishSchema = z.object({ id: uuid, baseVersion, publish: z.boolean() });
export const deleteSchema = z.object({ id: uuid, confirmed: z.literal(true, { error: "Confirm that you want to delete this item." }) });
export const shareSchema = z.object({ id: uuid, sectionId });
export const voteSchema = z.object({ id: uuid, optionId: dbId("Choose an option.") });

/** E3: the instant a poll's closing fields name, or null for a poll without a closing date. */
export function pollClosingParts(poll: { closesDate: string; closesTime: string } | undefined): { date: string; time: string } | null {
  if (!poll?.closesDate) return null;
  return { date: poll.closesDate, time: poll.closesTime || POLL_DEFAULT_CLOSING_TIME };
}
