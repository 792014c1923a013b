import { expect, test } from "vitest";
import { ConfigError, parseEnv } from "../../../app/platform/env.server";

test("defaults give a runnable configuration on the embedded database", () => {
  const env = parseEnv({});
  expect(env.PORT).toBe(3000);
  expect(env.DATABASE_URL).toBeUndefined();
});

test("a bad PORT stops start-up with one line naming the variable", () => {
  expect(() => parseEnv({ PORT: "abc" })).toThrow(ConfigError);
  expect(() => parseEnv({ PORT: "abc" })).toThrow(/^Invalid configuration: PORT must be a whole number between 1 and 65535 \(got "abc"\)$/);
  expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
});

test("a malformed DATABASE_URL is named without echoing its secret", () => {
  const run = () => parseEnv({ DATABASE_URL: "mysql://root:s3cret@db/x" });
  expect(run).toThrow(/DATABASE_URL must be a URL like postgres:\/\//);
  try {
    run();
  } catch (error) {
    expect(String((error as Error).message)).not.toContain("s3cret");
    expect((error as Error).message.split("\n")).toHaveLength(1);
  }
  expect(parseEnv({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/skillshelf" }).DATABASE_URL).toContain("127.0.0.1");
  expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
});

test("REMINDER_DAYS_BEFORE defaults to 7 and must be a whole number of days", () => {
  expect(parseEnv({}).REMINDER_DAYS_BEFORE).toBe(7);
  expect(parseEnv({ REMINDER_DAYS_BEFORE: "3" }).REMINDER_DAYS_BEFORE).toBe(3);
  expect(() => parseEnv({ REMINDER_DAYS_BEFORE: "soon" })).toThrow(/^Invalid configuration: REMINDER_DAYS_BEFORE must be a whole number/);
});

test("DATABASE_READ_CACHE is on unless set off, and nothing else", () => {
  expect(parseEnv({}).DATABASE_READ_CACHE).toBe("on");
  expect(parseEnv({ DATABASE_READ_CACHE: "off" }).DATABASE_READ_CACHE).toBe("off");
  expect(() => parseEnv({ DATABASE_READ_CACHE: "no" })).toThrow(/^Invalid configuration: DATABASE_READ_CACHE must be "on" or "off"/);
});
