// M7: the allowlist's parsing and matching, and how the client address is determined.
import { describe, expect, it } from "vitest";
import { allowlistStartupProblem, isAddressAllowed, parseIp, parseRange, rangeContains, readAddressConfig, resolveClientAddress } from "./ip";

const headers = (h: Record<string, string>) => new Headers(h);
function config(env: Record<string, string>) {
  const r = readAddressConfig({ PORTICO_PEER_STAMP: "1", ...env });
  if (!r.ok) throw new Error(r.message);
  return r.config;
}

describe("M7 addresses and ranges", () => {
  it.each([
    ["127.0.0.1", 4],
    ["::1", 6],
    ["2001:db8::8a2e:370:7334", 6],
    ["::ffff:10.1.2.3", 4],
    ["[fe80::1]", 6],
    ["1:2:3:4:5:6:7:8", 6],
    ["::", 6],
    ["64:ff9b::192.0.2.33", 6],
  ])("%s is an IPv%s address", (text, version) => {
    expect(parseIp(text)?.version).toBe(version);
  });

  it.each(["", "1.2.3", "256.1.1.1", "01.2.3.4", "1.2.3.4.5", "1:2:3:4:5:6:7:8:9", "1::2::3", "gggg::1", "localhost", "10.0.0.0/8"])(
    "%j is not an address",
    (text) => expect(parseIp(text)).toBeNull(),
  );

  it("matches CIDR ranges of both versions, and IPv4-mapped peers as IPv4", () => {
    const r4 = parseRange("10.20.0.0/16")!;
    expect(rangeContains(r4, "10.20.255.1")).toBe(true);
    expect(rangeContains(r4, "10.21.0.1")).toBe(false);
    expect(rangeContains(r4, "::ffff:10.20.1.1")).toBe(true);
    const r6 = parseRange("2001:db8::/32")!;
    expect(rangeContains(r6, "2001:db8:ffff::1")).toBe(true);
    expect(rangeContains(r6, "2001:db9::1")).toBe(false);
    expect(rangeContains(r6, "10.20.1.1")).toBe(false);
    expect(rangeContains(parseRange("0.0.0.0/0")!, "8.8.8.8")).toBe(true);
    expect(rangeContains(parseRange("192.168.1.7")!, "192.168.1.8")).toBe(false);
    expect(parseRange("10.0.0.0/33")).toBeNull();
    expect(parseRange("::/129")).toBeNull();
  });
});

describe("M7 configuration", () => {
  it("unset or empty allows every address", () => {
    expect(isAddressAllowed("203.0.113.9", config({}))).toBe(true);
    expect(isAddressAllowed(null, config({ PORTICO_IP_ALLOWLIST: " , " }))).toBe(true);
  });

  it("set: only listed addresses; an unknown address is refused", () => {
    const c = config({ PORTICO_IP_ALLOWLIST: "10.0.0.0/8, 192.168.1.7 ,2001:db8::/32" });
    expect(isAddressAllowed("10.9.9.9", c)).toBe(true);
    expect(isAddressAllowed("192.168.1.7", c)).toBe(true);
    expect(isAddressAllowed("2001:db8::5", c)).toBe(true);
    expect(isAddressAllowed("127.0.0.1", c)).toBe(false);
    expect(isAddressAllowed("::1", c)).toBe(false);
    expect(isAddressAllowed(null, c)).toBe(false);
  });

  it("an invalid value stops start-up with a message naming the entry", () => {
    expect(allowlistStartupProblem({ PORTICO_PEER_STAMP: "1", PORTICO_IP_ALLOWLIST: "10.0.0.0/8, 10.0.0.300" })).toMatch(/PORTICO_IP_ALLOWLIST.*"10\.0\.0\.300"/);
    expect(allowlistStartupProblem({ PORTICO_PEER_STAMP: "1", PORTICO_TRUSTED_PROXIES: "proxy.local" })).toMatch(/PORTICO_TRUSTED_PROXIES/);
    expect(allowlistStartupProblem({ PORTICO_IP_ALLOWLIST: "10.0.0.1" })).toMatch(/npm start/);
    expect(allowlistStartupProblem({ PORTICO_PEER_STAMP: "1", PORTICO_IP_ALLOWLIST: "10.0.0.1" })).toBeNull();
    expect(allowlistStartupProblem({})).toBeNull();
  });
});

describe("M7 the client address", () => {
  it("is the stamped peer; a client's own X-Forwarded-For is ignored", () => {
    const c = config({ PORTICO_IP_ALLOWLIST: "10.0.0.0/8" });
    const h = headers({ "x-portico-peer": "203.0.113.5", "x-forwarded-for": "10.1.1.1" });
    expect(resolveClientAddress(h, c)).toBe("203.0.113.5");
    expect(isAddressAllowed(resolveClientAddress(h, c), c)).toBe(false);
  });

  it("behind a trusted proxy: the right-most address that is not a trusted proxy", () => {
    const c = config({ PORTICO_TRUSTED_PROXIES: "10.0.0.1, 10.0.0.2" });
    expect(resolveClientAddress(headers({ "x-portico-peer": "10.0.0.1", "x-forwarded-for": "1.1.1.1, 198.51.100.4, 10.0.0.2" }), c)).toBe("198.51.100.4");
    expect(resolveClientAddress(headers({ "x-portico-peer": "10.0.0.1" }), c)).toBe("10.0.0.1");
    expect(resolveClientAddress(headers({ "x-portico-peer": "10.0.0.1", "x-forwarded-for": "nonsense, 10.0.0.2" }), c)).toBeNull();
  });

  it("without the peer stamp, a missing or garbled address is null", () => {
    const c = config({});
    expect(resolveClientAddress(headers({ "x-portico-peer": "1.2.3.4" }), { ...c, peerStamped: true })).toBe("1.2.3.4");
    expect(resolveClientAddress(headers({}), { ...c, peerStamped: true })).toBeNull();
    expect(resolveClientAddress(headers({ "x-forwarded-for": "5.6.7.8" }), { ...c, peerStamped: false })).toBe("5.6.7.8");
  });
});
