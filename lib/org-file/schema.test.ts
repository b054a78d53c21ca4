import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_ORG_FILE } from "./demo";
import { type Problem, jsonPath, parseOrgFile, parseOrgFileText } from "./schema";

/** The problems of a refused file; fails the test when the file was accepted. */
function problemsOf(data: unknown): Problem[] {
  const result = parseOrgFile(data);
  if (result.ok) throw new Error("expected the file to be refused, but it was accepted");
  return result.problems;
}

/** Asserts that exactly one problem sits at `path` and that its message matches. */
function expectProblem(problems: Problem[], path: string, message: RegExp) {
  const at = problems.filter((p) => p.path === path);
  expect(at, `problems at ${path}: ${JSON.stringify(problems, null, 1)}`).toHaveLength(1);
  expect(at[0]!.message).toMatch(message);
}

const item = (fields: Record<string, unknown>) => ({ title: "Item", body: "<p>Body</p>", author: "ana@example.org", status: "published", ...fields });

/**
 * A file whose shape is right but whose cross-references break every rule of
 * ORG-FILE.md at once. Each entry notes the problem it carries.
 */
type Entries = Record<string, unknown>[];
function brokenReferences(): Record<"teams" | "locations" | "people" | "sections" | "content" | "groups", Entries> {
  return {
    teams: [
      { key: "ops", name: "Operations", parent: null },
      { key: "ops", name: "Operations again", parent: null }, // [1] duplicate key
      { key: "lost", name: "Lost", parent: "nowhere" }, // [2] unknown parent
      { key: "loop-a", name: "Loop A", parent: "loop-b" }, // [3] cycle
      { key: "loop-b", name: "Loop B", parent: "loop-a" }, // [4] cycle
      { key: "self", name: "Self", parent: "self" }, // [5] its own parent
      { key: "below-loop", name: "Below", parent: "loop-a" }, // [6] under a cycle, not on it
    ],
    locations: [{ key: "hq", name: "Head office" }],
    people: [
      { email: "ana@example.org", name: "Ana", audience: "organisational", teams: ["ops"], teamAdmin: ["ops"], location: "hq" },
      { email: "ANA@Example.ORG", name: "Ana twin", audience: "organisational" }, // [1] duplicate e-mail, case differs
      { email: "eve@partner.example", name: "Eve", audience: "external", roles: ["external", "webmaster"] }, // [2] P2
      // [3] unknown team, teamAdmin not among teams, unknown location
      { email: "bob@example.org", name: "Bob", audience: "organisational", teams: ["ghost-team", "ops"], teamAdmin: ["lost"], location: "atlantis" },
      { email: "olga@example.org", name: "Olga", audience: "organisational", roles: ["external"] }, // [4] P1
    ],
    sections: [
      {
        slug: "hr",
        title: "HR",
        parent: null,
        restricted: false,
        members: ["ana@example.org", "nobody@example.org"], // members[1] unknown
        teams: [
          { team: "ops", includeChildren: true },
          { team: "ghost-team", includeChildren: false }, // teams[1] unknown
        ],
        roles: [
          { person: "ANA@example.org", role: "editor" }, // resolves ignoring case
          { person: "ghost@example.org", role: "manager" }, // roles[1] unknown
        ],
      },
      { slug: "hr", title: "HR again", parent: null, restricted: false }, // [1] duplicate slug
      { slug: "orphan", title: "Orphan", parent: "missing", restricted: true }, // [2] unknown parent
      { slug: "cyc-a", title: "Cycle A", parent: "cyc-b", restricted: false }, // [3] cycle
      { slug: "cyc-b", title: "Cycle B", parent: "cyc-a", restricted: false }, // [4] cycle
    ],
    content: [
      item({ key: "c1", type: "news", section: "hr" }),
      item({ key: "c1", type: "news", section: "hr" }), // [1] duplicate key
      item({ key: "c2", type: "news", section: "nosuch", sharedInto: ["orphan", "elsewhere"], author: "ghost@example.org" }), // [2]
      item({ key: "c3", type: "page", group: "nogroup" }), // [3] unknown group
      item({ key: "c4", type: "poll", section: "hr", options: ["Only one"] }), // [4] poll with one option
      item({ key: "c5", type: "news", section: "hr", options: ["Yes", "No"] }), // [5] options on a non-poll
      item({ key: "c6", type: "page", section: "hr", group: "club" }), // [6] two homes
      item({ key: "c7", type: "page" }), // [7] no home
      item({ key: "c8", type: "event", section: "hr", startsAt: "2026-11-02T10:00:00Z", endsAt: "2026-11-02T09:00:00Z" }), // [8]
    ],
    groups: [
      { slug: "club", name: "Club", visibility: "public", members: [{ person: "ana@example.org", admin: true }, { person: "stranger@example.org" }] },
      { slug: "club", name: "Club again", visibility: "private" }, // [1] duplicate slug
      {
        slug: "circle",
        name: "Circle",
        visibility: "private",
        members: [{ person: "ana@example.org", admin: true }, { person: "bob@example.org" }],
        // G1: requests[0] from a member; requests[1] and [2] the same person; requests[3] unknown
        requests: [{ person: "bob@example.org" }, { person: "olga@example.org", message: "hi" }, { person: "OLGA@example.org" }, { person: "ghost@example.org" }],
        // G5: invitations[0] invited by a member who is no admin; invitations[1] of a member
        invitations: [{ person: "eve@partner.example", invitedBy: "bob@example.org" }, { person: "ana@example.org", invitedBy: "ana@example.org" }],
      }, // [2]
    ],
  };
}

const EXPECTED_REFERENCE_PROBLEMS: [string, RegExp][] = [
  ["$.teams[1].key", /"ops" is used by teams\[0\]/],
  ["$.teams[2].parent", /names no team \("nowhere"\)/],
  ["$.teams[3].parent", /cycle.*"loop-a"/],
  ["$.teams[4].parent", /cycle.*"loop-b"/],
  ["$.teams[5].parent", /cycle.*"self"/],
  ["$.people[1].email", /"ANA@Example\.ORG" is used by people\[0\].*ignoring case/],
  ["$.people[2].roles", /external.*P2.*webmaster/],
  ["$.people[3].teams[0]", /names no team \("ghost-team"\)/],
  ["$.people[3].teamAdmin[0]", /"lost" is not among this person's teams/],
  ["$.people[3].location", /names no location \("atlantis"\)/],
  ["$.people[4].roles", /P1/],
  ["$.sections[0].members[1]", /names no person.*nobody@example\.org/],
  ["$.sections[0].teams[1].team", /names no team \("ghost-team"\)/],
  ["$.sections[0].roles[1].person", /names no person.*ghost@example\.org/],
  ["$.sections[1].slug", /"hr" is used by sections\[0\]/],
  ["$.sections[2].parent", /names no section \("missing"\)/],
  ["$.sections[3].parent", /cycle.*"cyc-a"/],
  ["$.sections[4].parent", /cycle.*"cyc-b"/],
  ["$.content[1].key", /"c1" is used by content\[0\]/],
  ["$.content[2].section", /names no section \("nosuch"\)/],
  ["$.content[2].sharedInto[1]", /names no section \("elsewhere"\)/],
  ["$.content[2].author", /names no person.*ghost@example\.org/],
  ["$.content[3].group", /names no group \("nogroup"\)/],
  ["$.content[4].options", /at least two options/],
  ["$.content[5].options", /only polls have options/],
  ["$.content[6]", /exactly one home/],
  ["$.content[7]", /exactly one home/],
  ["$.content[8].endsAt", /before startsAt/],
  ["$.groups[0].members[1].person", /names no person.*stranger@example\.org/],
  ["$.groups[1].slug", /"club" is used by groups\[0\]/],
  ["$.groups[2].requests[0].person", /is a member of the group already/],
  ["$.groups[2].requests[2]", /lists person "OLGA@example.org" twice/],
  ["$.groups[2].requests[3].person", /names no person.*ghost@example\.org/],
  ["$.groups[2].invitations[0].invitedBy", /is not an admin of the group/],
  ["$.groups[2].invitations[1].person", /is a member of the group already/],
];

describe("organisation file (ORG-FILE.md)", () => {
  it("accepts the demo organisation file", () => {
    const result = parseOrgFileText(readFileSync(DEMO_ORG_FILE, "utf8"));
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.org.people.length).toBeGreaterThanOrEqual(30);
    expect(result.org.sections.length).toBeGreaterThan(0);
  });

  it("accepts an empty object, every list defaulting to empty", () => {
    const result = parseOrgFile({});
    expect(result).toEqual({ ok: true, org: { teams: [], locations: [], people: [], sections: [], content: [], groups: [] } });
  });

  it("refuses text that is not JSON, with one problem at $ (Q3)", () => {
    const result = parseOrgFileText('{ "teams": [ }');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.path).toBe("$");
    expect(result.problems[0]!.message).toMatch(/not valid JSON/);
  });

  it("refuses JSON that is not an object", () => {
    for (const data of [null, [], "teams", 3]) {
      const problems = problemsOf(data);
      expect(problems.length, JSON.stringify(data)).toBeGreaterThan(0);
      expect(problems[0]!.path).toBe("$");
    }
  });

  it("reports every cross-reference problem at once, each by its JSON path (S1, P5, P1, P2)", () => {
    const problems = problemsOf(brokenReferences());
    for (const [path, message] of EXPECTED_REFERENCE_PROBLEMS) expectProblem(problems, path, message);
    // Nothing else: no duplicates, no problem for entries that are fine.
    expect(problems.map((p) => p.path).sort()).toEqual(EXPECTED_REFERENCE_PROBLEMS.map(([p]) => p).sort());
  });

  it("does not call a team below a cycle part of the cycle (P5, S1)", () => {
    const problems = problemsOf(brokenReferences());
    expect(problems.filter((p) => p.path.startsWith("$.teams[6]"))).toEqual([]);
    expect(problems.filter((p) => p.path.startsWith("$.teams[0]"))).toEqual([]);
  });

  it("accepts the same file once the reference problems are fixed (the checks are not over-eager)", () => {
    const org = brokenReferences();
    org.teams = org.teams.filter((_, i) => ![1, 2, 3, 4, 5, 6].includes(i));
    org.people = [org.people[0]!, { email: "eve@partner.example", name: "Eve", audience: "external", roles: ["external"] }];
    org.sections = [{ ...org.sections[0]!, members: ["ana@example.org"], teams: [{ team: "ops", includeChildren: true }], roles: [{ person: "ANA@example.org", role: "editor" }] }];
    org.content = [
      item({ key: "c1", type: "news", section: "hr" }),
      item({ key: "c4", type: "poll", section: "hr", options: ["Yes", "No"] }),
      item({ key: "c8", type: "event", group: "club", startsAt: "2026-11-02T09:00:00Z", endsAt: "2026-11-02T10:00:00Z" }),
    ];
    org.groups = [{ ...org.groups[0]!, members: [{ person: "ana@example.org", admin: true }] }];
    const result = parseOrgFile(org);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it("reports every shape problem at once: bad slug, bad e-mail, bad date, unknown keys", () => {
    const problems = problemsOf({
      teams: [],
      people: [
        { email: "not-an-email", name: "Nemo", audience: "organisational" },
        { email: "ok@example.org", name: "Ok", audience: "organisational", nickname: "oki" },
      ],
      sections: [{ slug: "Bad Slug", title: "Bad", parent: null, restricted: false }],
      content: [item({ key: "e", type: "event", section: "bad-slug", startsAt: "next tuesday" })],
      colour: "blue",
    });
    expectProblem(problems, "$.people[0].email", /valid e-mail/);
    expectProblem(problems, "$.people[1]", /nickname/);
    expectProblem(problems, "$.sections[0].slug", /lowercase letters, digits and single hyphens/);
    expectProblem(problems, "$.content[0].startsAt", /ISO 8601/);
    expectProblem(problems, "$", /colour/);
  });

  it("reports shape and reference problems together, so a file can be fixed in one pass (Q3)", () => {
    const org = brokenReferences();
    const data = {
      ...org,
      people: [...org.people, { email: "not-an-email", name: "Nemo", audience: "organisational" }],
      sections: [...org.sections, { slug: "Bad Slug", title: "Bad", parent: null, restricted: false }],
      colour: "blue",
    };
    const problems = problemsOf(data);
    expectProblem(problems, "$.people[5].email", /valid e-mail/);
    expectProblem(problems, "$.sections[5].slug", /lowercase/);
    expectProblem(problems, "$", /colour/);
    for (const [path, message] of EXPECTED_REFERENCE_PROBLEMS) expectProblem(problems, path, message);
    expect(problems).toHaveLength(EXPECTED_REFERENCE_PROBLEMS.length + 3);
  });

  it("reports the shape problems of a file too malformed to check references in, without throwing", () => {
    const problems = problemsOf({ teams: "ops", people: [{ name: "No e-mail", audience: "staff" }], sections: [{ slug: "s" }] });
    expectProblem(problems, "$.teams", /.+/);
    expectProblem(problems, "$.people[0].email", /.+/);
    expectProblem(problems, "$.people[0].audience", /.+/);
    expectProblem(problems, "$.sections[0].title", /.+/);
  });

  it("refuses an event that ends without a start, and event fields on other types", () => {
    const problems = problemsOf({
      people: [{ email: "ana@example.org", name: "Ana", audience: "organisational" }],
      sections: [{ slug: "s", title: "S", parent: null, restricted: false }],
      content: [
        item({ key: "a", type: "event", section: "s", endsAt: "2026-11-02T09:00:00Z" }),
        item({ key: "b", type: "news", section: "s", place: "Room 1" }),
      ],
    });
    expectProblem(problems, "$.content[0].startsAt", /needs a start/);
    expectProblem(problems, "$.content[1].place", /only events/);
    expect(problems).toHaveLength(2);
  });

  it("G7 G5: a group's files name who could have uploaded them and list versions oldest first; a webmaster may upload and invite anywhere", () => {
    const people = [
      { email: "ana@example.org", name: "Ana", audience: "organisational" },
      { email: "web@example.org", name: "Web", audience: "organisational", roles: ["webmaster"] },
      { email: "eve@partner.example", name: "Eve", audience: "external" },
    ];
    const group = (extra: Record<string, unknown>) => ({ slug: "g", name: "G", visibility: "secret", members: [{ person: "ana@example.org", admin: true }], ...extra });
    const accepted = parseOrgFile({
      people,
      groups: [
        group({
          invitations: [{ person: "eve@partner.example", invitedBy: "web@example.org" }],
          files: [
            { name: "By the webmaster.pdf", uploader: "web@example.org", versions: [{ path: "a.pdf" }] },
            // No uploader: only the group's admins and webmasters manage it; a version's uploader is history.
            { name: "Unknown.pdf", versions: [{ path: "b.pdf", uploader: null }, { path: "sub/c.PDF", uploader: "eve@partner.example" }] },
          ],
        }),
      ],
    });
    expect(accepted.ok ? [] : accepted.problems).toEqual([]);
    const problems = problemsOf({
      people,
      groups: [
        group({
          invitations: [{ person: "eve@partner.example" }],
          files: [
            {
              name: "Plan.pdf",
              uploader: "eve@partner.example",
              versions: [
                { path: "v1.pdf", uploadedAt: "2026-10-02T09:00:00Z" },
                { path: "v2.pdf", uploader: "ghost@example.org", uploadedAt: "2026-10-01T09:00:00Z" },
              ],
            },
            { name: "No versions.pdf", versions: [] },
            { name: "folder/name.pdf", versions: [{ path: "x.pdf" }] },
          ],
        }),
      ],
    });
    expectProblem(problems, "$.groups[0].files[0].uploader", /is not a member of the group, nor a webmaster/);
    expectProblem(problems, "$.groups[0].files[0].versions[1].uploader", /names no person.*ghost@example\.org/);
    expectProblem(problems, "$.groups[0].files[0].versions[1].uploadedAt", /is before versions\[0\]\.uploadedAt/);
    expectProblem(problems, "$.groups[0].files[1].versions", /at least one version/);
    expectProblem(problems, "$.groups[0].files[2].name", /cannot contain \//);
    expect(problems).toHaveLength(5);
  });

  it("refuses a content item shared into its own home section and lists shared twice", () => {
    const problems = problemsOf({
      people: [{ email: "ana@example.org", name: "Ana", audience: "organisational", teams: ["t", "t"] }],
      teams: [{ key: "t", name: "T", parent: null }],
      sections: [
        { slug: "s", title: "S", parent: null, restricted: false },
        { slug: "u", title: "U", parent: "s", restricted: false },
      ],
      content: [item({ key: "a", type: "news", section: "s", sharedInto: ["u", "s", "u"] })],
    });
    expectProblem(problems, "$.content[0].sharedInto[1]", /home section already/);
    expectProblem(problems, "$.content[0].sharedInto[2]", /twice/);
    expectProblem(problems, "$.people[0].teams[1]", /twice/);
  });
});

describe("jsonPath", () => {
  it("writes zod paths the way the problems name them", () => {
    expect(jsonPath([])).toBe("$");
    expect(jsonPath(["people", 3, "teams", 0])).toBe("$.people[3].teams[0]");
    expect(jsonPath(["content", 0, "sharedInto", 12])).toBe("$.content[0].sharedInto[12]");
    expect(jsonPath(["settings", "externalAccess", "messageWall"])).toBe("$.settings.externalAccess.messageWall");
  });

  it("brackets and quotes keys that are not identifiers", () => {
    expect(jsonPath(["a-b"])).toBe('$["a-b"]');
    expect(jsonPath(["x", "with space", 1])).toBe('$.x["with space"][1]');
    expect(jsonPath(["1st"])).toBe('$["1st"]');
    expect(jsonPath(['q"uote'])).toBe('$["q\\"uote"]');
  });
});
