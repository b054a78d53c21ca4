import { afterEach, describe, expect, it, vi } from "vitest";
import { EXTRANET_HOME, INTRANET_HOME, LOGIN_PATH, callbackPathFromUrl, homeFor, isExternalPath, isPublicPath, safeCallbackPath } from "./routes";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("safeCallbackPath: a callback is only ever a path on this site", () => {
  it("keeps a same-site path with its query and fragment", () => {
    expect(safeCallbackPath("/feed?x=1#y")).toBe("/feed?x=1#y");
    expect(safeCallbackPath("/")).toBe("/");
    expect(safeCallbackPath("/sections/hr/policies")).toBe("/sections/hr/policies");
  });

  it("gives nothing for an empty value", () => {
    expect(safeCallbackPath(null)).toBeNull();
    expect(safeCallbackPath(undefined)).toBeNull();
    expect(safeCallbackPath("")).toBeNull();
  });

  it.each([
    ["another site", "https://evil.example"],
    ["another site, with a path", "https://evil.example/feed"],
    ["a protocol-relative URL", "//evil.example"],
    ["a protocol-relative URL with a path", "//evil.example/feed"],
    ["three slashes", "///evil.example"],
    ["a backslash after the slash", "/\\evil.example"],
    ["a backslash inside the path", "/feed\\..\\evil"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["a relative path", "feed"],
    ["a bare host", "evil.example"],
    ["a tab that browsers strip into //", "/\t/evil.example"],
    ["a newline", "/feed\nSet-Cookie: x=1"],
    ["a NUL", "/feed\u0000"],
    ["a DEL", "/feed\u007f"],
    ["a leading space", " /feed"],
    ["the login page", LOGIN_PATH],
    ["the login page with a query", `${LOGIN_PATH}?reason=signed-out`],
    ["an API path", "/api/auth/signout"],
    ["an API route", "/api/session/refresh"],
  ])("refuses %s", (_, raw) => {
    expect(safeCallbackPath(raw)).toBeNull();
  });

  it("refuses anything longer than 2000 characters", () => {
    const atLimit = "/" + "a".repeat(1999);
    expect(safeCallbackPath(atLimit)).toBe(atLimit);
    expect(safeCallbackPath(atLimit + "a")).toBeNull();
  });

  it("accepts an absolute URL on AUTH_URL's origin and returns its path", () => {
    vi.stubEnv("AUTH_URL", "https://portal.example.org");
    expect(safeCallbackPath("https://portal.example.org/feed?x=1#y")).toBe("/feed?x=1#y");
    expect(safeCallbackPath("https://portal.example.org")).toBe("/");
  });

  it("refuses absolute URLs on any other origin, even close ones", () => {
    vi.stubEnv("AUTH_URL", "https://portal.example.org");
    expect(safeCallbackPath("http://portal.example.org/feed")).toBeNull(); // another scheme
    expect(safeCallbackPath("https://portal.example.org:8443/feed")).toBeNull(); // another port
    expect(safeCallbackPath("https://portal.example.org.evil.example/feed")).toBeNull();
    expect(safeCallbackPath("https://evil.example@portal.example.org.evil.example/")).toBeNull();
    expect(safeCallbackPath("javascript:alert(1)")).toBeNull();
  });

  it("refuses what an absolute URL on AUTH_URL's origin hides: //, /login, /api/", () => {
    vi.stubEnv("AUTH_URL", "https://portal.example.org");
    expect(safeCallbackPath("https://portal.example.org//evil.example")).toBeNull();
    expect(safeCallbackPath("https://portal.example.org/login")).toBeNull();
    expect(safeCallbackPath("https://portal.example.org/api/auth/signout")).toBeNull();
  });

  it("refuses every absolute URL when AUTH_URL is not set", () => {
    vi.stubEnv("AUTH_URL", undefined);
    expect(safeCallbackPath("http://localhost:3000/feed")).toBeNull();
  });
});

describe("audience paths (E1, E2)", () => {
  it.each(["/extranet", "/extranet/widgets", "/sections/x", "/sections/hr/policies", "/content/x", "/feed", "/me/content", "/me", "/profile", "/teams", "/teams/highways", "/groups", "/groups/social-club", "/api/uploads/x", "/api/me/profile-image", "/api/people/x/image", "/groups/invitations", "/api/group-files/x/versions/1", "/notifications", "/people", "/people/x", "/locations", "/ideas", "/wall", "/queries", "/moderation", "/search", "/api/docs", "/api/docs/scalar.js"])(
    "lets external people have %s (E2; G3: their own groups, invitations and requests; G6, G7: their groups' files; E5: the apps and directories, whose pages decide)",
    (path) => {
      expect(isExternalPath(path)).toBe(true);
    },
  );

  it.each(["/", "/admin", "/admin/users", "/searchx", "/groupsx", "/peoplex", "/feedback", "/feeds", "/sectionsx", "/content-admin", "/media", "/extranet-admin", "/teamsx", "/notificationsx"])(
    "keeps %s intranet-only (E1), prefixes matched on whole segments",
    (path) => {
      expect(isExternalPath(path)).toBe(false);
    },
  );

  it.each(["/login", "/login/welcome", "/forgot-password", "/reset-password/AbC-123_xyz", "/api/auth/session", "/api/auth", "/_next/static/chunk.js", "/favicon.ico", "/manifest.webmanifest", "/robots.txt", "/api/v1/me", "/api/v1"])(
    "lets anyone request %s signed out",
    (path) => {
      expect(isPublicPath(path)).toBe(true);
    },
  );

  it.each(["/", "/loginx", "/login-help", "/forgot-passwordx", "/reset-passwords", "/api/authx", "/api/session", "/api/v1x", "/extranet", "/feed", "/admin"])(
    "needs a session for %s",
    (path) => {
      expect(isPublicPath(path)).toBe(false);
    },
  );

  it("sends each audience to its own home (E1)", () => {
    expect(homeFor("external")).toBe(EXTRANET_HOME);
    expect(homeFor("organisational")).toBe(INTRANET_HOME);
    expect(EXTRANET_HOME).toBe("/extranet");
    expect(INTRANET_HOME).toBe("/");
    expect(isExternalPath(homeFor("external"))).toBe(true);
    expect(isExternalPath(homeFor("organisational"))).toBe(false);
  });
});

describe("callbackPathFromUrl: the second step of an SSO sign-in keeps only a same-site path (M5)", () => {
  it("takes the path, query and fragment of the URL Auth.js kept", () => {
    expect(callbackPathFromUrl("http://localhost:3130/sections/hr?x=1#y")).toBe("/sections/hr?x=1#y");
    expect(callbackPathFromUrl("/feed")).toBe("/feed");
  });

  it.each([
    ["nothing", undefined],
    ["the home page's absolute URL", "http://localhost:3130"],
    ["a protocol-relative URL", "//evil.example"],
    ["a backslash trick", "/\\evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["the sign-in page", "http://localhost:3130/login?callbackUrl=https://evil.example"],
    ["an API route", "/api/auth/signout"],
    ["a scheme split by a line break", "java\nscript:alert(1)"],
    ["something too long", `/${"a".repeat(2100)}`],
  ])("never leads off the site: %s", (_what, value) => {
    const path = callbackPathFromUrl(value);
    expect(path === null || path === "/").toBe(true);
  });

  it("another origin's URL gives at most a path on this site", () => {
    expect(callbackPathFromUrl("https://evil.example/phish")).toBe("/phish");
  });
});
