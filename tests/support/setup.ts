import { afterEach, beforeEach, expect, vi } from "vitest";

// A test fails on an unexpected console.error: errors are either asserted or fixed.
let errorSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  errorSpy = vi.spyOn(console, "error");
});
afterEach(() => {
  const calls = errorSpy.mock.calls;
  errorSpy.mockRestore();
  expect(calls, "unexpected console.error").toEqual([]);
});
