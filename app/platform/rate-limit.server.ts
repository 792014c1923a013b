import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../../db/client";
import { rateLimits } from "../../db/schema";

// Failed sign-ins are counted in Postgres, so every app instance sees the same counts. A whole library often
// signs in from one NAT address, so one person's mistakes count against that person (the account, and the
// account at that address); only a flood across many accounts reaches the address-wide ceiling.
export const LOGIN_LIMITS = {
  perAccount: { points: 5, duration: 15 * 60, blockDuration: 15 * 60 },
  perIpAccount: { points: 30, duration: 15 * 60, blockDuration: 15 * 60 },
  perIp: { points: 300, duration: 15 * 60, blockDuration: 15 * 60 },
} as const;

export type LoginLimiters = ReturnType<typeof createLoginLimiters>;

export function createLoginLimiters(db: Db) {
  const make = (keyPrefix: string, opts: { points: number; duration: number; blockDuration: number }) =>
    new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, keyPrefix, clearExpiredByTimeout: false, ...opts });
  return {
    perAccount: make("login_account", LOGIN_LIMITS.perAccount),
    perIpAccount: make("login_ip_account", LOGIN_LIMITS.perIpAccount),
    // A new prefix: counts kept under the old 30-per-address rule must not linger under the new ceiling.
    perIp: make("login_ip_all", LOGIN_LIMITS.perIp),
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

// Password-reset requests: a few per address (silently ignored beyond, so nothing reveals an account) and a
// handful per client IP (answered with "try later").
export const RESET_LIMITS = {
  perEmail: { points: 3, duration: 60 * 60, blockDuration: 60 * 60 },
  perIp: { points: 10, duration: 15 * 60, blockDuration: 15 * 60 },
} as const;

const resetCache = new WeakMap<Db, { perEmail: RateLimiterDrizzle; perIp: RateLimiterDrizzle }>();

/** Counts one reset request; returns the seconds each key must still wait (0 = allowed). */
export async function consumeResetAllowance(db: Db, keys: { ip: string; email: string }) {
  let limiters = resetCache.get(db);
  if (!limiters) {
    const make = (keyPrefix: string, opts: { points: number; duration: number; blockDuration: number }) =>
      new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, keyPrefix, clearExpiredByTimeout: false, ...opts });
    limiters = { perEmail: make("reset_email", RESET_LIMITS.perEmail), perIp: make("reset_ip", RESET_LIMITS.perIp) };
    resetCache.set(db, limiters);
  }
  const ip = await consume(limiters.perIp, keys.ip);
  const email = ip > 0 ? 0 : await consume(limiters.perEmail, keys.email);
  return { ip, email };
}

/** Takes one point: 0 while within the allowance, else the seconds until the next one. */
async function consume(limiter: RateLimiterDrizzle, key: string) {
  try {
    await limiter.consume(key);
    return 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}
