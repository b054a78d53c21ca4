/**
 * D4: the language search stems words in (PORTICO_SEARCH_LANGUAGE, English by default):
 * "policies" finds "policy" in English, "mangeons" finds "manger" in French. It is the
 * `portico_search` text search configuration's stemmer (migration 0027), so every vector,
 * query and highlight follows it. Applied after the migrations at start-up: when the setting
 * differs from the configuration, the configuration is changed and every stored vector
 * recomputed, in one transaction (a one-off, minutes at a million items; logged).
 */
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "./connect";

/** PostgreSQL's Snowball stemmers (13 and later), and "simple" for a language without one (no stemming). */
export const SEARCH_LANGUAGES = [
  "arabic", "armenian", "basque", "catalan", "danish", "dutch", "english", "finnish", "french", "german", "greek", "hindi", "hungarian",
  "indonesian", "irish", "italian", "lithuanian", "nepali", "norwegian", "portuguese", "romanian", "russian", "serbian", "simple",
  "spanish", "swedish", "tamil", "turkish", "yiddish",
] as const;
export type SearchLanguage = (typeof SEARCH_LANGUAGES)[number];
export const DEFAULT_SEARCH_LANGUAGE: SearchLanguage = "english";

type Env = Record<string, string | undefined>;

export function readSearchLanguage(env: Env = process.env): { ok: true; language: SearchLanguage } | { ok: false; message: string } {
  const raw = env.PORTICO_SEARCH_LANGUAGE?.trim().toLowerCase();
  if (!raw) return { ok: true, language: DEFAULT_SEARCH_LANGUAGE };
  const language = SEARCH_LANGUAGES.find((l) => l === raw);
  return language ? { ok: true, language } : { ok: false, message: `PORTICO_SEARCH_LANGUAGE must be one of: ${SEARCH_LANGUAGES.join(", ")} (it is "${env.PORTICO_SEARCH_LANGUAGE}").` };
}

/** Why the server must not start with this setting, or null. */
export function searchLanguageProblem(env: Env = process.env): string | null {
  const reading = readSearchLanguage(env);
  return reading.ok ? null : reading.message;
}

/** The dictionary a language stems with. */
const dictionaryOf = (language: SearchLanguage) => (language === "simple" ? "simple" : `${language}_stem`);

/** The stemmer portico_search uses now (for plain ASCII words). */
export async function currentSearchDictionary(db: Db): Promise<string | null> {
  const [row] = rowsOf<{ dictname: string }>(
    await db.execute(sql`select d.dictname from pg_ts_config_map m
      join pg_ts_dict d on d.oid = m.mapdict
      where m.mapcfg = 'portico_search'::regconfig
        and m.maptokentype = (select tokid from ts_token_type('default') where alias = 'asciiword')
      order by m.mapseqno desc limit 1`),
  );
  return row?.dictname ?? null;
}

/**
 * Sets portico_search's stemmer to `language` when it is another, and recomputes every search
 * vector with it in the same transaction. Answers whether anything changed.
 */
export async function applySearchLanguage(db: Db, language: SearchLanguage, log: (line: string) => void = console.log): Promise<boolean> {
  const dictionary = dictionaryOf(language);
  if ((await currentSearchDictionary(db)) === dictionary) return false;
  const started = Date.now();
  await db.transaction(async (tx) => {
    const dict = sql.identifier(dictionary);
    // Words with accents are folded first (unaccent), as migration 0027 set up.
    await tx.execute(sql`alter text search configuration portico_search alter mapping for asciiword, asciihword, hword_asciipart with ${dict}`);
    await tx.execute(sql`alter text search configuration portico_search alter mapping for word, hword, hword_part with unaccent, ${dict}`);
    await tx.execute(sql`update content set search_vector = portico_content_vector(title, body, tags)`);
    await tx.execute(sql`update group_files set search_vector = portico_group_file_vector(name, description, tags, extracted_text)`);
    await tx.execute(sql`update ideas set search_vector = portico_idea_vector(title, description, tags)`);
    await tx.execute(sql`update wall_posts set search_vector = portico_text_vector(null, body)`);
    await tx.execute(sql`update queries set search_vector = portico_text_vector(title, body)`);
  });
  log(`Search now stems words in ${language}: every search index was rebuilt in ${Math.round((Date.now() - started) / 1000)} s.`);
  return true;
}
