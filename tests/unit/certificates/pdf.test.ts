import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import QRCode from "qrcode";
import { expect, test } from "vitest";
import { type CertificatePdfInput, qrPayload, renderCertificatePdf } from "../../../app/certificates/pdf.server";

// Needs poppler-utils (pdftotext, pdffonts) and qpdf: .ci/run installs them.
const dir = mkdtempSync(path.join(tmpdir(), "skillshelf-pdf-"));
const VERIFY = "https://skillshelf.example.vn/verify/7K2M9QXD4HTRB81C";

function input(overrides: Partial<CertificatePdfInput> = {}): CertificatePdfInput {
  return {
    lang: "vi",
    fullName: "Nguyễn Thị Hồng Vân",
    courseTitle: "Trí tuệ nhân tạo trong dịch vụ thư viện",
    completedAt: new Date("2026-11-24T03:00:00Z"),
    validUntil: new Date("2028-11-24T03:00:00Z"),
    competences: [
      { id: "1.2", level: 2, name: "Đánh giá dữ liệu, thông tin và nội dung số" },
      { id: "6.1", level: 3, name: "Hiểu biết về trí tuệ nhân tạo" },
    ],
    code: "7K2M9QXD4HTRB81C",
    verifyUrl: VERIFY,
    issuerName: "Thư viện Quốc gia Việt Nam",
    ...overrides,
  };
}

async function write(name: string, options: Partial<CertificatePdfInput> = {}) {
  const pdf = await renderCertificatePdf(input(options));
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return { file, pdf };
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8" });
/** pdftotext joins lines; compare with whitespace collapsed. */
const text = (file: string) => run("pdftotext", ["-enc", "UTF-8", file, "-"]).replace(/\s+/g, " ");

test("the PDF is valid, embeds its font, and gives back Vietnamese names exactly (NFC and NFD input)", async () => {
  const { file, pdf } = await write("vi");
  expect(pdf.length).toBeLessThanOrEqual(300 * 1024);
  expect(run("qpdf", ["--check", file])).toContain("No syntax or stream encoding errors");
  const fonts = run("pdffonts", [file]).split("\n").slice(2).filter(Boolean);
  expect(fonts.length).toBeGreaterThan(0);
  for (const line of fonts) {
    expect(line).toContain("BeVietnamPro");
    expect(line.split(/\s+/).slice(-5, -2)).toEqual(["yes", "yes", "yes"]); // emb, sub, uni
  }
  const extracted = text(file);
  expect(extracted).toContain("Nguyễn Thị Hồng Vân");
  expect(extracted).toContain("Trí tuệ nhân tạo trong dịch vụ thư viện");
  expect(extracted).toContain("7K2M-9QXD-4HTR-B81C");
  expect(extracted).toContain("24 tháng 11, 2026");

  for (const name of ["Hoàng Việt", "Trần Đức Thắng", "Lê Hải Yến"]) {
    const nfd = await write(`nfd-${name.length}`, { fullName: name.normalize("NFD"), courseTitle: "Dịch vụ thư viện số".normalize("NFD") });
    const got = text(nfd.file);
    expect(got).toContain(name.normalize("NFC"));
    expect(got).toContain("Dịch vụ thư viện số");
    expect(got.normalize("NFC")).toBe(got);
  }
});

test("English PDF: English labels and date format", async () => {
  const { file } = await write("en", { lang: "en", courseTitle: "AI in library services", issuerName: "National Library of Vietnam" });
  const extracted = text(file);
  expect(extracted).toContain("CERTIFICATE OF COMPLETION");
  expect(extracted).toContain("24 November 2026");
  expect(extracted).toContain("Nguyễn Thị Hồng Vân");
});

test("long names and titles wrap or shrink inside the page", async () => {
  const longName = "Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Ngọc Bích Trâm Công Tằng Tôn Nữ Diệu Huyền";
  const longTitle = "Ứng dụng trí tuệ nhân tạo tạo sinh, dữ liệu lớn và các dịch vụ thư viện số trong công tác phục vụ bạn đọc ở thư viện công cộng cấp tỉnh và thư viện chuyên ngành";
  const { file } = await write("long", { fullName: longName, courseTitle: longTitle });
  const html = run("pdftotext", ["-bbox", "-enc", "UTF-8", file, "-"]);
  const page = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html)!;
  const [width, height] = [Number(page[1]), Number(page[2])];
  expect(width).toBeGreaterThan(height); // landscape
  for (const m of html.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)) {
    expect(Number(m[1])).toBeGreaterThanOrEqual(26);
    expect(Number(m[3])).toBeLessThanOrEqual(width - 26);
    expect(Number(m[4])).toBeLessThanOrEqual(height - 26);
  }
  const extracted = text(file);
  for (const word of [...longName.split(" "), ...longTitle.split(" ")]) expect(extracted).toContain(word.replace(/,$/, ""));
});

test("the QR code and the link annotation both carry the verification URL", async () => {
  expect(qrPayload(VERIFY)).toBe(VERIFY);
  const qr = QRCode.create(qrPayload(VERIFY), { errorCorrectionLevel: "M" });
  const encoded = qr.segments.map((s) => Buffer.from((s as unknown as { data: Uint8Array }).data).toString("utf8")).join("");
  expect(encoded).toBe(VERIFY);
  const { file } = await write("link");
  const uncompressed = path.join(dir, "link-qdf.pdf");
  execFileSync("qpdf", ["--qdf", "--object-streams=disable", file, uncompressed]);
  const raw = run("sh", ["-c", `grep -a "/URI" ${uncompressed}`]);
  expect(raw).toContain(`(${VERIFY})`);
});

test("a configured logo (ORG_LOGO) is drawn; an unreadable one falls back to the built-in mark", async () => {
  const logo = path.join(dir, "logo.png");
  // A 1×1 PNG.
  writeFileSync(logo, Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"));
  const withLogo = await write("logo", { logoPath: logo });
  expect(run("pdfimages", ["-list", withLogo.file]).split("\n").slice(2).filter(Boolean).length).toBeGreaterThan(0);
  const missing = await write("no-logo", { logoPath: path.join(dir, "missing.png") });
  expect(run("pdfimages", ["-list", missing.file]).split("\n").slice(2).filter(Boolean)).toHaveLength(0);
  expect(text(missing.file)).toContain("Thư viện Quốc gia Việt Nam");
});
