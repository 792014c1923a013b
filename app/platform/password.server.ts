import { hash, verify } from "@node-rs/argon2";

// Argon2id with the parameters the Lucia guide and OWASP recommend for interactive sign-in.
const options = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export function hashPassword(password: string) {
  return hash(password.normalize("NFC"), options);
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password.normalize("NFC"));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** A hash to verify against when no account matches, so that timing does not tell which emails exist. */
export function dummyHash() {
  dummy ??= hashPassword("skillshelf-timing-equaliser");
  return dummy;
}
