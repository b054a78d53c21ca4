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

import ipaddr from "ipaddr.js";

const { IPv4, IPv6 } = ipaddr;
type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

export const PEER_HEADER = "x-portico-peer";
/** Set by scripts/peer-address.cjs in the server process: the peer header can be believed. */
export const PEER_STAMP_ENV = "PORTICO_PEER_STAMP";

export interface IpRange {
  version: 4 | 6;
  /** The range's address as ipaddr.js parsed it (IPv4-mapped IPv6 already read as IPv4). */
  network: IPv4 | IPv6;
  prefix: number;
  /** As the operator wrote it, for messages. */
  text: string;
}

/**
 * The one place addresses are read. ipaddr.js also accepts forms no operator or proxy
 * writes (octal, hexadecimal, fewer than four parts: "10.1" is 10.0.0.1), so IPv4 must be
 * four plain decimal parts, also inside IPv6 (::ffff:1.2.3.4). A zone (%eth0) is ignored.
 */
function parseAddress(raw: string): IPv4 | IPv6 | null {
  let text = raw.trim();
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  if (!text || text.length > 64) return null;
  if (!text.includes(":")) return IPv4.isValidFourPartDecimal(text) ? IPv4.parse(text) : null;
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  if (text.includes(".") && !IPv4.isValidFourPartDecimal(text.slice(text.lastIndexOf(":") + 1))) return null;
  // ipaddr.js reads the deprecated IPv4-compatible form ::a.b.c.d as IPv4-mapped; it is an
  // IPv6 address (RFC 4291 2.5.5.1), so it must not match IPv4 ranges.
  if (/^::[\d.]+$/.test(text)) text = `::0:${text.slice(2)}`;
  if (!IPv6.isValid(text)) return null;
  const v6 = IPv6.parse(text);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

const versionOf = (ip: IPv4 | IPv6): 4 | 6 => (ip.kind() === "ipv4" ? 4 : 6);

/** An address as (version, number), IPv4-mapped IPv6 (::ffff:a.b.c.d) read as IPv4; null when invalid. */
export function parseIp(raw: string): { version: 4 | 6; value: bigint } | null {
  const ip = parseAddress(raw);
  if (!ip) return null;
  return { version: versionOf(ip), value: ip.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n) };
}

/** "10.0.0.0/8", "2001:db8::/32" or a single address; null when invalid. */
export function parseRange(raw: string): IpRange | null {
  const text = raw.trim();
  const slash = text.indexOf("/");
  const network = parseAddress(slash >= 0 ? text.slice(0, slash) : text);
  if (!network) return null;
  const version = versionOf(network);
  const bits = version === 4 ? 32 : 128;
  let prefix = bits;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > bits) return null;
    prefix = Number(p);
  }
  return { version, network, prefix, text };
}

export function rangeContains(range: IpRange, address: string): boolean {
  const ip = parseAddress(address);
  if (!ip || versionOf(ip) !== range.version) return false;
  return ip.match(range.network, range.prefix);
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

/**
 * Whether this request reached us from one of PORTICO_TRUSTED_PROXIES (the stamped peer),
 * so that what the proxy says about the client's connection (X-Forwarded-For,
 * X-Forwarded-Proto) can be believed. Without the peer stamp, never.
 */
export function fromTrustedProxy(headers: HeaderSource, config: AddressConfig): boolean {
  if (!config.peerStamped) return false;
  const peer = headers.get(PEER_HEADER);
  return !!peer && !!parseIp(peer) && inAny(config.trustedProxies, peer.trim());
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
