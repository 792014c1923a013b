import { gunzipSync, gzipSync } from "node:zlib";
import { isoSeconds } from "./dates";
import { certificateUrls } from "./urls";

/** Bits per published list: the W3C minimum of 131,072 (16 KB), so one list does not single anyone out. */
export const STATUS_LIST_SIZE = 131_072;

/**
 * The W3C Bitstring Status List: bit i (counting from the most significant bit of the first byte) is 1 when
 * the credential at statusListIndex i is revoked; GZIP-compressed, multibase base64url ("u" prefix).
 */
export function encodeStatusList(revokedBits: Iterable<number>) {
  const bytes = new Uint8Array(STATUS_LIST_SIZE / 8);
  for (const bit of revokedBits) {
    if (bit < 0 || bit >= STATUS_LIST_SIZE) continue;
    bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  }
  return `u${gzipSync(bytes).toString("base64url")}`;
}

/** Reads one bit of an encoded list (for tests and verifiers). */
export function statusBit(encodedList: string, bit: number) {
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), "base64url"));
  return ((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1) === 1;
}

export function statusListCredential(origin: string, list: number, issuerName: string, revokedBits: Iterable<number>) {
  const urls = certificateUrls(origin);
  const id = urls.statusList(list);
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: { id: urls.issuer, type: ["Profile"], name: issuerName },
    validFrom: isoSeconds(new Date()),
    credentialSubject: {
      id: `${id}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList: encodeStatusList(revokedBits),
    },
  };
}
