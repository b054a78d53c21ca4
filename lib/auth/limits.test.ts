import { describe, expect, it } from "vitest";
import { DEFAULT_ADDRESS_LIMIT, signInLimits, signInLimitsProblem } from "./limits";

describe("M4 sign-in limits", () => {
  it("M4: 5 failures per account and 30 per address in 15 minutes by default", () => {
    expect(signInLimits({})).toEqual({ windowMinutes: 15, perAccount: 5, perAddress: DEFAULT_ADDRESS_LIMIT });
    expect(DEFAULT_ADDRESS_LIMIT).toBe(30);
    expect(signInLimitsProblem({})).toBeNull();
  });

  it("M4: PORTICO_SIGN_IN_ADDRESS_LIMIT sets the per-address limit only (an office behind one address)", () => {
    expect(signInLimits({ PORTICO_SIGN_IN_ADDRESS_LIMIT: " 200 " })).toEqual({ windowMinutes: 15, perAccount: 5, perAddress: 200 });
  });

  it.each(["0", "-3", "1.5", "lots", "100001", "1e3"])("M4: an unreadable PORTICO_SIGN_IN_ADDRESS_LIMIT (%s) stops start-up, and the default applies meanwhile", (value) => {
    expect(signInLimitsProblem({ PORTICO_SIGN_IN_ADDRESS_LIMIT: value })).toMatch(/PORTICO_SIGN_IN_ADDRESS_LIMIT must be a whole number from 1 to 100000/);
    expect(signInLimits({ PORTICO_SIGN_IN_ADDRESS_LIMIT: value }).perAddress).toBe(30);
  });
});
