/**
 * D4: the words `/search` is measured with on the benchmark organisation (bench/large-org.ts:
 * every item's body holds "Lorem ipsum dolor sit amet", and its title and body its number).
 */
/** In every item: the broad plan, at its worst (the issue asks for a word in at least 10 % of items). */
export const BENCH_SEARCH_COMMON = "lorem";
/** Item 4242 and group item 4242: the narrow plan. */
export const BENCH_SEARCH_RARE = "item 4242";
/** In every wall post and no item (bench/apps.ts): the apps' candidates at their most. */
export const BENCH_SEARCH_APPS = "pilot";
/** D7: a tag's page (bench/large-org.ts: about 1 in 600 items, over the whole organisation). */
export const BENCH_TAG = "topic 7";
/** D4: the header's suggestions as one types: a prefix of every item's title, and one item's. */
export const BENCH_SUGGEST_COMMON = "ite";
export const BENCH_SUGGEST_RARE = "item 4242";
