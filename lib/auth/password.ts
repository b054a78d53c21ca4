/**
 * Password hashing: argon2id (OWASP parameters: 19 MiB, 2 passes), via @node-rs/argon2,
 * a maintained native binding shipped as prebuilt npm packages.
 */
import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id: the package exports a const enum, which isolated modules cannot read.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

// Verified against when the account does not exist, so that the answer takes as long
// as for a real account and timing does not reveal which e-mail addresses are known.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("portico-timing-equaliser");
  await verifyPassword(await dummyHash, password);
  return false;
}
