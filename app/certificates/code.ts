import { randomBytes } from "node:crypto";

// Crockford base32: no I, L, O or U, so a code read aloud or typed from paper is unambiguous.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 16 characters × 5 bits = 80 random bits. */
export const CODE_LENGTH = 16;
const VALID = new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`);

/** A fresh public code (stored form: upper case, no dashes). */
export function generateCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = "";
  // 256 is a multiple of 32, so taking each byte modulo 32 keeps every character equally likely.
  for (const byte of bytes) code += ALPHABET[byte % 32];
  return code;
}

/**
 * The stored form of a typed code, or null when it cannot be one: case, spaces and dashes are ignored,
 * and the letters people confuse with digits (O, I, L) are read as the digits.
 */
export function normaliseCode(input: string): string | null {
  if (input.length > 64) return null;
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-–—_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  return VALID.test(cleaned) ? cleaned : null;
}

/** The printed form: groups of four, e.g. 7K2M-9QXD-4HTR-B81C. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}
