import { expect, test } from "./fixtures";

test("static files are served with nosniff: hashed assets and course content, found or not", async ({ request }) => {
  const html = await (await request.get("/login")).text();
  const asset = /\/assets\/[\w.-]+\.js/.exec(html)?.[0];
  expect(asset).toBeTruthy();
  const script = await request.get(asset!);
  expect(script.status()).toBe(200);
  expect(script.headers()["x-content-type-options"]).toBe("nosniff");
  const missing = await request.get("/content/no-such-course/no-such-image.png");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["x-content-type-options"]).toBe("nosniff");
  expect(await missing.text()).toBe("Not found");
});

test("a Host that is not on the allow-list is refused with 400 before anything runs", async ({ request }) => {
  const foreign = await request.post("/password/forgot", {
    headers: { host: "evil.example", origin: "http://evil.example" },
    form: { email: "learner@skillshelf.local" },
  });
  expect(foreign.status()).toBe(400);
  expect(await foreign.text()).not.toContain("evil.example/password/set");
  expect((await request.get("/login")).status()).toBe(200);
});
