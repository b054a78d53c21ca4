/**
 * P3, P7, M4: one password minimum (12) everywhere, and no common or easily guessed
 * password, checked on the server with the lists zxcvbn-ts ships. The actions are called
 * as a browser calls them; a refused password changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { newPasswordSchema, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { DEMO_PASSWORD } from "@/lib/org-file/demo";
import { parseOrgFile } from "@/lib/org-file/schema";
import { changePasswordSchema } from "@/lib/security/schemas";
import { type Harness, createHarness, expectUnchanged, signInAs } from "@/lib/testing/harness";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { MIN_PASSWORD_SCORE, PERSONAL_PASSWORD_MESSAGE, WEAK_PASSWORD_MESSAGE, passwordProblem } = await import("./password-strength");
const { changePassword } = await import("@/lib/security/actions");

const PASSWORD = "correct horse battery staple";

describe("P3 P7 M4 one minimum of 12 characters everywhere", () => {
  it("P3 P7 the welcome and reset forms, M4 changing one's own, and organisation files all ask for 12", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(newPasswordSchema.safeParse("eleven-char").success).toBe(false);
    expect(newPasswordSchema.safeParse("twelve-chars").success).toBe(true);
    const change = (newPassword: string) => changePasswordSchema.safeParse({ currentPassword: PASSWORD, newPassword, confirmPassword: newPassword }).success;
    expect(change("eleven-char")).toBe(false);
    expect(change("twelve-chars")).toBe(true);
    const org = (password: string) =>
      parseOrgFile({ people: [{ email: "a@example.org", name: "A", audience: "organisational", password }] }).ok;
    expect(org("eleven-char")).toBe(false);
    expect(org("twelve-chars")).toBe(true);
  });
});

describe("P3 P7 M4 common and easily guessed passwords", () => {
  it.each(["password1234", "Password123!", "123456789012", "qwertyuiop12", "football2020", "aaaaaaaaaaaa", "abcdefghijkl", "iloveyou2024!", "P@ssw0rd1234"])(
    "refuses %s",
    async (password) => {
      expect(await passwordProblem(password)).toBe(WEAK_PASSWORD_MESSAGE);
    },
  );

  it.each([PASSWORD, DEMO_PASSWORD, "Sunflower-Ledger-42", "a whole new passphrase", "zephyr-mosaic-77"])("accepts %s", async (password) => {
    expect(await passwordProblem(password)).toBeNull();
  });

  it("refuses a password built on the person's own name or address", async () => {
    expect(await passwordProblem("kowalski2026!", ["Daniel Kowalski", "daniel.kowalski@northmoor.example"])).toBe(PERSONAL_PASSWORD_MESSAGE);
    expect(MIN_PASSWORD_SCORE).toBe(3);
  });

  it("answers quickly even for the longest password allowed", async () => {
    const started = Date.now();
    expect(await passwordProblem("Passw0rd!".repeat(22))).not.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("M4 changing one's own password: a weak new password is refused, nothing changes", () => {
  let harness: Harness;
  const EMAIL = "daniel.kowalski@strength.test";
  beforeAll(async () => {
    harness = await createHarness({ people: [{ email: EMAIL, name: "Daniel Kowalski", audience: "organisational", password: PASSWORD }] });
  });
  afterAll(async () => harness?.close());

  it.each([
    ["password1234", WEAK_PASSWORD_MESSAGE],
    ["kowalski2026!", PERSONAL_PASSWORD_MESSAGE],
  ])("refuses %s on the new password field", async (newPassword, message) => {
    await signInAs(EMAIL);
    await expectUnchanged([schema.people, schema.sessions], async () => {
      const result = await changePassword({ currentPassword: PASSWORD, newPassword, confirmPassword: newPassword });
      expect(result).toMatchObject({ ok: false, fieldErrors: { newPassword: message } });
    });
  });

  it("accepts a strong one", async () => {
    await signInAs(EMAIL);
    expect(await changePassword({ currentPassword: PASSWORD, newPassword: "Sunflower-Ledger-42", confirmPassword: "Sunflower-Ledger-42" })).toMatchObject({ ok: true });
  });
});
