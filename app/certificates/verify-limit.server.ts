import { data } from "react-router";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../../db/client";
import { rateLimits } from "../../db/schema";

/** Public verification: per client IP, counted in Postgres so every instance shares the count. */
export const VERIFY_LIMIT = { points: 60, duration: 60 } as const;

const cache = new WeakMap<Db, RateLimiterDrizzle>();

function limiter(db: Db) {
  let found = cache.get(db);
  if (!found) {
    found = new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, keyPrefix: "verify_ip", clearExpiredByTimeout: false, ...VERIFY_LIMIT });
    cache.set(db, found);
  }
  return found;
}

/** Counts one verification request; throws a 429 response (with Retry-After) when the allowance is used up. */
export async function limitVerification(db: Db, ip: string) {
  try {
    await limiter(db).consume(ip);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw data(
      { message: `certificates.verify.tooMany|${JSON.stringify({ seconds })}` },
      { status: 429, headers: { "retry-after": String(seconds) } },
    );
  }
}
