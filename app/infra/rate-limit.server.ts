import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../../db/client";
import { rateLimits } from "../../db/schema";

// Failed sign-ins are counted in Postgres, so every app instance sees the same counts.
export const LOGIN_LIMITS = {
  perAccount: { points: 5, duration: 15 * 60, blockDuration: 15 * 60 },
  perIp: { points: 30, duration: 15 * 60, blockDuration: 15 * 60 },
} as const;

export type LoginLimiters = ReturnType<typeof createLoginLimiters>;

export function createLoginLimiters(db: Db) {
  const make = (keyPrefix: string, opts: { points: number; duration: number; blockDuration: number }) =>
    new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, keyPrefix, clearExpiredByTimeout: false, ...opts });
  return {
    perAccount: make("login_account", LOGIN_LIMITS.perAccount),
    perIp: make("login_ip", LOGIN_LIMITS.perIp),
  };
}

const cache = new WeakMap<Db, LoginLimiters>();
export function loginLimiters(db: Db) {
  let limiters = cache.get(db);
  if (!limiters) {
    limiters = createLoginLimiters(db);
    cache.set(db, limiters);
  }
  return limiters;
}

/** Seconds to wait when a key has used up its points, else 0. */
export async function secondsBlocked(limiter: RateLimiterDrizzle, key: string) {
  const res = await limiter.get(key);
  if (res && res.consumedPoints >= limiter.points) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return 0;
}

/** Counts one failure; returns the seconds to wait when that used up the allowance. */
export async function recordFailure(limiter: RateLimiterDrizzle, key: string) {
  try {
    const res = await limiter.consume(key);
    return res.remainingPoints <= 0 ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}
