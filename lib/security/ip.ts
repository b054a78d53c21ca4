/**
 * M7: IP addresses, CIDR ranges and the operator's allowlist. No Node or database
 * imports: middleware (edge) and the server paths share this file.
 *
 * Operator configuration (environment, never a webmaster screen):
 *   PORTICO_IP_ALLOWLIST     comma-separated addresses and CIDR ranges, IPv4 and IPv6,
 *                            e.g. "10.0.0.0/8, 192.168.1.7, 2001:db8::/32". Unset or empty:
 *                            every address is allowed. An invalid entry stops start-up.
 *   PORTICO_TRUSTED_PROXIES  the reverse proxies (addresses / ranges) whose X-Forwarded-For
 *                            is believed. Unset: X-Forwarded-For is ignored.
 *
 * The client address is the TCP peer that scripts/peer-address.cjs stamps on every
 * request as `x-portico-peer` (it overwrites whatever the client sent). When that peer is
 * a trusted proxy, X-Forwarded-For is read from the right, skipping trusted proxies: the
 * first address that is not one is the client. Anything unparseable counts as no address,
 * and no address is never on an allowlist.
 */

export const PEER_HEADER = "x-portico-peer";
/** Set by scripts/peer-address.cjs in the server process: the peer header can be believed. */
export const PEER_STAMP_ENV = "PORTICO_PEER_STAMP";

export interface IpRange {
  version: 4 | 6;
  /** The network address, as a 32- or 128-bit number. */
  base: bigint;
  prefix: number;
  /** As the operator wrote it, for messages. */
  text: string;
}

function parseIPv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || (part.length > 1 && part.startsWith("0"))) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIPv6(text: string): bigint | null {
  let s = text;
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (!/^[0-9a-f:.]+$/i.test(s)) return null;
  // A trailing dotted IPv4 part (::ffff:1.2.3.4) counts as two groups.
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(":");
  if (s.includes(".")) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = [Number(v4 >> 16n), Number(v4 & 0xffffn)];
    s = s.slice(0, lastColon + 1);
    if (!s.endsWith("::")) s = s.slice(0, -1);
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0] ?? "");
  const rest = halves.length === 2 ? groups(halves[1] ?? "") : [];
  for (const g of [...head, ...rest]) if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return null;
  const all = [...head.map((g) => parseInt(g, 16)), ...Array(8 - known).fill(0), ...rest.map((g) => parseInt(g, 16)), ...tail];
  return all.reduce((acc: bigint, g: number) => (acc << 16n) | BigInt(g), 0n);
}

const MAPPED_PREFIX = 0xffffn << 32n;

/** An address as (version, number), IPv4-mapped IPv6 (::ffff:a.b.c.d) read as IPv4; null when invalid. */
export function parseIp(raw: string): { version: 4 | 6; value: bigint } | null {
  let text = raw.trim();
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  if (!text || text.length > 64) return null;
  if (!text.includes(":")) {
    const v4 = parseIPv4(text);
    return v4 === null ? null : { version: 4, value: v4 };
  }
  const v6 = parseIPv6(text);
  if (v6 === null) return null;
  if (v6 >> 32n === MAPPED_PREFIX >> 32n) return { version: 4, value: v6 & 0xffffffffn };
  return { version: 6, value: v6 };
}

/** "10.0.0.0/8", "2001:db8::/32" or a single address; null when invalid. */
export function parseRange(raw: string): IpRange | null {
  const text = raw.trim();
  const slash = text.indexOf("/");
  const ip = parseIp(slash >= 0 ? text.slice(0, slash) : text);
  if (!ip) return null;
  const bits = ip.version === 4 ? 32 : 128;
  let prefix = bits;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > bits) return null;
    prefix = Number(p);
  }
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  return { version: ip.version, base: ip.value & mask, prefix, text };
}

export function rangeContains(range: IpRange, address: string): boolean {
  const ip = parseIp(address);
  if (!ip || ip.version !== range.version) return false;
  const bits = range.version === 4 ? 32 : 128;
  const shift = BigInt(bits - range.prefix);
  return ip.value >> shift === range.base >> shift;
}

export type ListResult = { ok: true; ranges: IpRange[] } | { ok: false; message: string };

/** Parses a comma-separated list; every bad entry is named in the message. */
export function parseAddressList(value: string | undefined, name: string): ListResult {
  const entries = (value ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const ranges: IpRange[] = [];
  const bad: string[] = [];
  for (const entry of entries) {
    const range = parseRange(entry);
    if (range) ranges.push(range);
    else bad.push(entry);
  }
  if (bad.length) {
    return {
      ok: false,
      message: `${name} has ${bad.length === 1 ? "an entry that is" : "entries that are"} not an IPv4 or IPv6 address or CIDR range: ${bad.map((b) => JSON.stringify(b)).join(", ")}. Write addresses and ranges separated by commas, e.g. "10.0.0.0/8, 192.168.1.7, 2001:db8::/32".`,
    };
  }
  return { ok: true, ranges };
}

export interface AddressConfig {
  /** null: no allowlist, every address allowed. */
  allowlist: IpRange[] | null;
  trustedProxies: IpRange[];
  /** The peer header is stamped by our preload and can be believed. */
  peerStamped: boolean;
}

export type ConfigResult = { ok: true; config: AddressConfig } | { ok: false; message: string };

export function readAddressConfig(env: Record<string, string | undefined>): ConfigResult {
  const allow = parseAddressList(env.PORTICO_IP_ALLOWLIST, "PORTICO_IP_ALLOWLIST");
  if (!allow.ok) return allow;
  const proxies = parseAddressList(env.PORTICO_TRUSTED_PROXIES, "PORTICO_TRUSTED_PROXIES");
  if (!proxies.ok) return proxies;
  return {
    ok: true,
    config: {
      allowlist: allow.ranges.length ? allow.ranges : null,
      trustedProxies: proxies.ranges,
      peerStamped: env[PEER_STAMP_ENV] === "1",
    },
  };
}

const inAny = (ranges: IpRange[], address: string) => ranges.some((r) => rangeContains(r, address));

interface HeaderSource {
  get(name: string): string | null;
}

/**
 * The client's address for this request, or null when it cannot be known. Without the
 * peer stamp (e.g. `next dev`), the X-Forwarded-For Next.js fills in from the socket is
 * used: the client can set it, so the allowlist refuses to start that way (see
 * allowlistStartupProblem) and the address is only informative (audit log).
 */
export function resolveClientAddress(headers: HeaderSource, config: AddressConfig): string | null {
  const valid = (a: string | undefined | null) => (a && parseIp(a) ? a.trim() : null);
  if (!config.peerStamped) {
    return valid(headers.get("x-forwarded-for")?.split(",")[0]) ?? valid(headers.get("x-real-ip"));
  }
  let address = valid(headers.get(PEER_HEADER));
  if (!address) return null;
  if (!inAny(config.trustedProxies, address)) return address;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = valid(hops[i]);
    if (!hop) return null; // a garbled chain: believe nothing after it
    address = hop;
    if (!inAny(config.trustedProxies, hop)) break;
  }
  return address;
}

/** M7: may a request from this address be served? */
export function isAddressAllowed(address: string | null, config: AddressConfig): boolean {
  if (!config.allowlist) return true;
  return address !== null && inAny(config.allowlist, address);
}

/** Why the server must not start with this configuration, or null. */
export function allowlistStartupProblem(env: Record<string, string | undefined>): string | null {
  const result = readAddressConfig(env);
  if (!result.ok) return result.message;
  if (result.config.allowlist && !result.config.peerStamped) {
    return "PORTICO_IP_ALLOWLIST is set, but this server was not started with Portico's start script (npm start), which records each connection's address (scripts/peer-address.cjs). Without it the client address cannot be trusted.";
  }
  return null;
}

export const REFUSED_BY_ALLOWLIST = "Access from your network address is not allowed.";
