import "server-only";
import { isUuid } from "@/db/sql";
/**
 * Keyset pagination cursors, so that deep pages cost what the first page costs: the
 * keys of the last row shown, in the listing's order. One codec for every listing: a
 * cursor is base64url of a JSON array of its keys, each checked against its kind on the
 * way in, so a tampered cursor never reaches SQL; every caller reads a malformed one
 * as "from the start".
 *
 * A timestamp key is PostgreSQL's own text of the value, microseconds included (a
 * JavaScript Date would drop them and skip rows).
 */

/** The kinds of key a cursor holds; a trailing "?" also allows null (e.g. never signed in). */
type BaseKind = "timestamp" | "uuid" | "text" | "int";
export type CursorKeyKind = BaseKind | `${BaseKind}?`;

type BaseValue<K extends BaseKind> = K extends "int" ? number : string;
type KeyValue<K extends CursorKeyKind> = K extends `${infer B extends BaseKind}?` ? BaseValue<B> | null : K extends BaseKind ? BaseValue<K> : never;

export type CursorShape = Readonly<Record<string, CursorKeyKind>>;
export type CursorKeys<S extends CursorShape> = { -readonly [Name in keyof S]: KeyValue<S[Name]> };

export interface CursorCodec<S extends CursorShape> {
  encode(keys: CursorKeys<S>): string;
  /** The keys, or null for anything that is not a cursor this codec wrote (read as the first page). */
  decode(raw: string | null | undefined): CursorKeys<S> | null;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(?:Z|[+-](\d{2})(?::?(\d{2}))?)$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Longer than any cursor a codec writes (text keys are at most TEXT_KEY_MAX characters). */
const RAW_MAX = 4096;
const TEXT_KEY_MAX = 400;
const INT_MAX = 2_147_483_647;

/** A timestamptz literal PostgreSQL accepts: the shape, and a real date and time (a month 13 would be a database error). */
export function isTimestampText(value: string): boolean {
  const m = TIMESTAMP.exec(value);
  if (!m) return false;
  // "Z" and "+05" leave the offset's parts out: zero.
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMinutes = 0] = [m[1], m[2], m[3], m[4], m[5], m[6], m[8], m[9]].map((part) => Number(part ?? 0));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return (
    year >= 1 &&
    daysInMonth !== undefined &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 15 &&
    offsetMinutes <= 59
  );
}

function isKey(kind: CursorKeyKind, value: unknown): boolean {
  const nullable = kind.endsWith("?");
  if (value === null) return nullable;
  switch (kind.replace("?", "") as BaseKind) {
    case "timestamp":
      return typeof value === "string" && isTimestampText(value);
    case "uuid":
      return typeof value === "string" && isUuid(value);
    case "text":
      // PostgreSQL text cannot hold NUL.
      return typeof value === "string" && value.length <= TEXT_KEY_MAX && !value.includes("\u0000");
    case "int":
      return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= INT_MAX;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A codec for cursors of these keys, in this order, e.g. `cursorCodec({ at: "timestamp", id: "uuid" })`. */
export function cursorCodec<const S extends CursorShape>(shape: S): CursorCodec<S> {
  const names = Object.keys(shape);
  return {
    // Keys come from the listing's own rows; should one not fit its kind, decode refuses the
    // cursor and the next page reads as the first, as a malformed cursor always did.
    encode(keys) {
      return Buffer.from(JSON.stringify(names.map((name) => keys[name])), "utf8").toString("base64url");
    },
    decode(raw) {
      if (!raw || raw.length > RAW_MAX || !BASE64URL.test(raw)) return null;
      const bytes = Buffer.from(raw, "base64url");
      // Only the one spelling encode writes (no trailing bits, no padding variants).
      if (bytes.toString("base64url") !== raw) return null;
      let values: unknown;
      try {
        values = JSON.parse(utf8.decode(bytes));
      } catch {
        return null;
      }
      if (!Array.isArray(values) || values.length !== names.length) return null;
      if (!names.every((name, i) => isKey(shape[name]!, values[i]))) return null;
      return Object.fromEntries(names.map((name, i) => [name, values[i]])) as CursorKeys<S>;
    },
  };
}
