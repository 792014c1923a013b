import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { DEMO, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

const LESSON = "/courses/e2e-cert-course/first-steps";

/** The verification URL the PDF links (its QR code encodes the same URL, unit-tested in certificate-pdf.test.ts). */
function pdfLinks(file: string) {
  const qdf = `${file}.qdf.pdf`;
  execFileSync("qpdf", ["--qdf", "--object-streams=disable", file, qdf]);
  return [...readFileSync(qdf, "latin1").matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]);
}

test("a learner completes a course, gets the certificate and its PDF; the QR's URL verifies signed out; HR revokes it", async ({ page }) => {
  await loginAs(page, "learner");
  await page.goto(LESSON);
  await page.getByRole("button", { name: "Đánh dấu hoàn thành" }).click();
  await expect(page).toHaveURL(/\/courses\/e2e-cert-course$/);
  await page.getByRole("link", { name: "Xem chứng chỉ" }).click();
  await expect(page).toHaveURL(/\/certificates\/[0-9A-Z]{16}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Khóa kiểm thử chứng chỉ");
  await expect(page.getByText(DEMO.learner.name, { exact: true })).toBeVisible();
  await expect(page.getByText("Còn hiệu lực")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const code = page.url().split("/").pop()!;
  const verifyUrl = (await page.getByTestId("verify-url").textContent())!;
  expect(verifyUrl).toMatch(new RegExp(`/verify/${code}$`));

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải PDF tiếng Việt" }).click();
  const file = (await (await download).path())!;
  const pdf = readFileSync(file);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  expect(text).toContain(DEMO.learner.name);
  expect(text).toContain("Khóa kiểm thử chứng chỉ");
  expect(pdfLinks(file)).toContain(verifyUrl);

  await page.goto("/learning");
  await expect(page.getByRole("link", { name: /^Xem chứng chỉ\s*: Khóa kiểm thử chứng chỉ$/ })).toBeVisible();

  // Another signed-in person cannot download it: 404, revealing nothing.
  await page.context().clearCookies();
  await loginAs(page, "trainer");
  expect((await page.request.get(`/certificates/${code}/pdf?lang=vi`)).status()).toBe(404);
  expect((await page.goto(`/certificates/${code}`))?.status()).toBe(404);

  // Signed out, the QR code's URL shows the certificate as valid, with a checked signature.
  await page.context().clearCookies();
  await page.goto(verifyUrl);
  await expect(page.getByRole("status")).toContainText("Còn hiệu lực");
  await expect(page.getByText(/Chữ ký số của chứng nhận đã được kiểm tra/)).toBeVisible();
  await expect(page.getByText(DEMO.learner.name, { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // HR finds it in the register and revokes it with a reason.
  await loginAs(page, "hr");
  await page.goto("/reports");
  await page.getByRole("link", { name: "Sổ chứng chỉ" }).click();
  await page.getByLabel("Tìm theo tên, email hoặc mã").fill(code.slice(0, 8).toLowerCase());
  await page.getByRole("button", { name: "Lọc" }).click();
  await expect(page.getByRole("row")).toHaveCount(2);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: new RegExp(`Quản lý chứng chỉ của ${DEMO.learner.name}`) }).click();
  await page.getByLabel("Lý do thu hồi").fill("Cấp nhầm khóa học trong đợt kiểm thử");
  await page.getByRole("button", { name: "Thu hồi" }).click();
  await expect(page.getByText("Đã thu hồi chứng chỉ.")).toBeVisible();
  await expect(page.getByText(/thu hồi: Cấp nhầm khóa học trong đợt kiểm thử/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The same URL now says revoked, without the reason for the public.
  await page.context().clearCookies();
  await page.goto(verifyUrl);
  await expect(page.getByRole("status")).toContainText("Đã thu hồi");
  await expect(page.getByText("Cấp nhầm khóa học trong đợt kiểm thử")).toHaveCount(0);
});

test("the verify form accepts a code typed loosely and says plainly when there is no such certificate", async ({ page }) => {
  await page.goto("/verify");
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Mã chứng chỉ").fill("zzzz zzzz-zzzz zzzz");
  await page.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(page).toHaveURL(/\/verify\/ZZZZZZZZZZZZZZZZ$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy chứng chỉ");
  await expect(page).toHaveTitle("Không tìm thấy chứng chỉ · Skillshelf");
  await expectNoSeriousA11yViolations(page);
  for (const bad of ["abc", "<script>alert(1)</script>", "' or 1=1 --", "x".repeat(3000)]) {
    expect((await page.request.get(`/verify/${encodeURIComponent(bad)}`)).status()).toBe(404);
  }
  const jwks = await (await page.request.get("/.well-known/jwks.json")).json();
  expect(jwks.keys.length).toBeGreaterThan(0);
  // Each JWKS entry's kid is its own key URL (the string in a credential's header), and that URL serves it.
  const kidUrl = new URL(jwks.keys[0].kid);
  expect(kidUrl.pathname).toMatch(/^\/keys\/[A-Za-z0-9_-]{20,100}\.json$/);
  const key = await page.request.get(kidUrl.pathname);
  expect(await key.json()).toMatchObject({ kty: "EC", crv: "P-256", kid: jwks.keys[0].kid });
  expect((await (await page.request.get("/issuer")).json()).type).toEqual(["Profile"]);
  expect((await (await page.request.get("/credentials/status/1")).json()).credentialSubject.type).toBe("BitstringStatusList");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("HR corrects a name and re-issues; the old verification page points to the new certificate", async ({ page }) => {
    await loginAs(page, "trainer");
    await page.goto(LESSON);
    await page.getByRole("button", { name: "Đánh dấu hoàn thành" }).click();
    await page.getByRole("link", { name: "Xem chứng chỉ" }).click();
    const oldCode = page.url().split("/").pop()!;
    await page.context().clearCookies();

    await loginAs(page, "hr");
    const reissue = async (code: string, name: string) => {
      await page.goto(`/reports/certificates/${code}`);
      await page.getByLabel("Họ và tên đúng").fill(name);
      await page.getByRole("button", { name: "Cấp lại" }).click();
      await expect(page.getByText(/Đã cấp lại chứng chỉ với mã mới/)).toBeVisible();
      return page.url().split("/").pop()!.split("?")[0]!;
    };
    // A revoke without a reason is refused (the field is `required` in the browser, so post it directly).
    const refused = await page.request.post(`/reports/certificates/${oldCode}`, { form: { intent: "revoke", reason: "" }, maxRedirects: 0 });
    expect(refused.status()).toBe(400);
    const newCode = await reissue(oldCode, "Trần Đức Thắng (đã sửa)");
    expect(newCode).not.toBe(oldCode);
    await expect(page.getByText("Trần Đức Thắng (đã sửa)", { exact: true })).toBeVisible();
    await expect(page.getByText(/cấp lại cho Trần Đức Thắng \(đã sửa\)/)).toBeVisible();
    // Put the shared demo account's name back the same way.
    const finalCode = await reissue(newCode, DEMO.trainer.name);

    await page.context().clearCookies();
    await page.goto(`/verify/${oldCode}`);
    await expect(page.getByRole("status")).toContainText("Đã được thay thế");
    await page.getByRole("link", { name: "Xem chứng chỉ cấp lại" }).click();
    await expect(page).toHaveURL(new RegExp(`/verify/${newCode}$`));
    await page.getByRole("link", { name: "Xem chứng chỉ cấp lại" }).click();
    await expect(page).toHaveURL(new RegExp(`/verify/${finalCode}$`));
    await expect(page.getByRole("status")).toContainText("Còn hiệu lực");
    await expect(page.getByText(DEMO.trainer.name, { exact: true })).toBeVisible();
    // The form works without JavaScript too.
    await page.goto("/verify");
    await page.getByLabel("Mã chứng chỉ").fill(finalCode.toLowerCase().replace(/(.{4})/g, "$1 "));
    await page.getByRole("button", { name: "Kiểm tra" }).click();
    await expect(page).toHaveURL(new RegExp(`/verify/${finalCode}$`));
  });
});

test("the competence framework that credentials link to is public, with an entry per competence", async ({ page }) => {
  await page.context().clearCookies();
  const response = await page.goto("/competences#competence-6.1");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Khung năng lực số" })).toBeVisible();
  await expect(page.locator("#competence-6\\.1")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
