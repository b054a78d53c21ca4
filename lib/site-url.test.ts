/** Links in e-mails (K5, S7, P3): absolute with the configured address, else a path; never another scheme. */
import { describe, expect, it } from "vitest";
import { publicOrigin } from "./site-url";

describe("publicOrigin", () => {
  it("links are absolute with AUTH_URL, else a path on the site", () => {
    expect(publicOrigin({ AUTH_URL: "https://portal.example.org/" })).toBe("https://portal.example.org");
    expect(publicOrigin({ AUTH_URL: "https://portal.example.org/api/auth" })).toBe("https://portal.example.org");
    expect(publicOrigin({})).toBe("");
    expect(publicOrigin({ AUTH_URL: "javascript:alert(1)" })).toBe("");
    expect(publicOrigin({ AUTH_URL: "not a url" })).toBe("");
  });
});
