import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import type { Locale } from "~/i18n";
import { getI18n } from "~/i18n/i18n.server";
import { formatDate } from "~/platform/format";
import { formatCode } from "./code";

// Be Vietnam Pro (SIL Open Font License) from the installed @expo-google-fonts package: embedded (subset) in
// every PDF, never fetched. Its ToUnicode maps extract Vietnamese exactly (Noto Sans 2.015 does not).
const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: "@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf",
  semibold: "@expo-google-fonts/be-vietnam-pro/600SemiBold/BeVietnamPro_600SemiBold.ttf",
  bold: "@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf",
} as const;
type FontName = keyof typeof FONT_FILES;

let fonts: Record<FontName, Buffer> | null = null;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve(FONT_FILES.regular)),
    semibold: readFileSync(require.resolve(FONT_FILES.semibold)),
    bold: readFileSync(require.resolve(FONT_FILES.bold)),
  };
  return fonts;
}

const logos = new Map<string, Buffer | null>();
function loadLogo(path: string | undefined) {
  if (!path) return null;
  if (!logos.has(path)) {
    try {
      logos.set(path, readFileSync(path));
    } catch {
      logos.set(path, null);
    }
  }
  return logos.get(path) ?? null;
}

export type CertificatePdfInput = {
  lang: Locale;
  fullName: string;
  courseTitle: string;
  completedAt: Date;
  validUntil: Date | null;
  competences: { id: string; level: number; name: string }[];
  code: string;
  verifyUrl: string;
  issuerName: string;
  /** A programme's certificate: "has completed the programme". */
  programme?: boolean;
  /** Path of a PNG or JPEG logo (ORG_LOGO); the built-in mark when absent or unreadable. */
  logoPath?: string;
};

const BRAND = "#0b5649";
const ACCENT = "#a8842c";
const INK = "#1c1917";
const MUTED = "#57534e";

/** What the QR code encodes: the public verification URL of the certificate. */
export function qrPayload(verifyUrl: string) {
  return verifyUrl;
}

/** A4 landscape certificate in the given language; every text extractable, every name in NFC. */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const t = getI18n(input.lang).t;
  const f = loadFonts();
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    compress: true,
    lang: input.lang === "en" ? "en-GB" : "vi-VN",
    displayTitle: true,
    info: {
      Title: `${t(input.programme ? "certificates.pdf.headingProgramme" : "certificates.pdf.heading")} — ${input.fullName.normalize("NFC")}`,
      Author: input.issuerName,
      Subject: input.courseTitle.normalize("NFC"),
      Creator: "Skillshelf",
    },
  });
  doc.registerFont("regular", f.regular);
  doc.registerFont("semibold", f.semibold);
  doc.registerFont("bold", f.bold);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const W = doc.page.width;
  const H = doc.page.height;
  // Frame.
  doc.lineWidth(3).strokeColor(BRAND).rect(18, 18, W - 36, H - 36).stroke();
  doc.lineWidth(0.8).strokeColor(ACCENT).rect(26, 26, W - 52, H - 52).stroke();

  // Organisation: logo (configured image or the built-in mark) and name.
  const logo = loadLogo(input.logoPath);
  if (logo) {
    try {
      doc.image(logo, 56, 48, { fit: [60, 60] });
    } catch {
      drawMark(doc, 56, 48, 60);
    }
  } else {
    drawMark(doc, 56, 48, 60);
  }
  doc.font("semibold").fontSize(15).fillColor(BRAND).text(nfc(input.issuerName), 128, 60, { width: 470, lineBreak: true });

  // Heading.
  const contentX = 90;
  const contentW = W - 180;
  doc.font("bold").fontSize(26).fillColor(BRAND).text(t(input.programme ? "certificates.pdf.headingProgramme" : "certificates.pdf.heading").toUpperCase(), contentX, 128, {
    width: contentW,
    align: "center",
    characterSpacing: 1,
  });
  let y = doc.y + 14;
  doc.font("regular").fontSize(13).fillColor(MUTED).text(t("certificates.pdf.certifies"), contentX, y, { width: contentW, align: "center" });
  y = doc.y + 6;
  // The name: as large as fits on one line down to 24 pt, then on two lines, then wrapping at 16 pt.
  y = fitted(doc, nfc(input.fullName), "bold", { x: contentX, y, width: contentW, max: 36, min: 16, lines: 1, moreLinesBelow: 24, color: INK });
  doc.moveTo(W / 2 - 150, y + 4).lineTo(W / 2 + 150, y + 4).lineWidth(0.8).strokeColor(ACCENT).stroke();
  y += 14;
  doc.font("regular").fontSize(13).fillColor(MUTED).text(t(input.programme ? "certificates.pdf.completedProgramme" : "certificates.pdf.completed"), contentX, y, { width: contentW, align: "center" });
  y = doc.y + 6;
  y = fitted(doc, nfc(input.courseTitle), "semibold", { x: contentX, y, width: contentW, max: 22, min: 12, lines: 2, color: BRAND });
  y += 10;
  const dates = [t("certificates.pdf.completedOn", { date: formatDate(input.completedAt, input.lang) })];
  if (input.validUntil) dates.push(t("certificates.pdf.validUntil", { date: formatDate(input.validUntil, input.lang) }));
  doc.font("regular").fontSize(12).fillColor(INK).text(dates.join("   ·   "), contentX, y, { width: contentW, align: "center" });

  // Competences (bottom left), shrinking when there are many.
  const qrSize = 92;
  const bottomTop = H - 168;
  const compW = W - 56 - qrSize - 260;
  if (input.competences.length > 0) {
    doc.font("semibold").fontSize(10.5).fillColor(BRAND).text(t("certificates.pdf.competences"), 56, bottomTop, { width: compW });
    const lines = input.competences.map((c) => `${c.id}  ${nfc(c.name)} (${t("certificates.competenceLevel", { level: c.level })})`).join("\n");
    let size = 9.5;
    doc.font("regular");
    while (size > 6 && doc.fontSize(size).heightOfString(lines, { width: compW }) > 100) size -= 0.5;
    doc.fontSize(size).fillColor(INK).text(lines, 56, doc.y + 3, { width: compW, height: 104, ellipsis: true });
  }

  // Code, QR and the verification address (bottom right).
  const qrX = W - 56 - qrSize;
  const qrY = H - 56 - qrSize - 14;
  drawQr(doc, qrPayload(input.verifyUrl), qrX, qrY, qrSize);
  doc.link(qrX, qrY, qrSize, qrSize, input.verifyUrl);
  const textW = 250;
  const textX = qrX - 14 - textW;
  doc.font("semibold").fontSize(11).fillColor(INK).text(t("certificates.pdf.code", { code: formatCode(input.code) }), textX, qrY + 6, {
    width: textW,
    align: "right",
  });
  doc.font("regular").fontSize(8.5).fillColor(MUTED).text(t("certificates.pdf.verify"), textX, doc.y + 6, { width: textW, align: "right" });
  doc.font("regular").fontSize(8.5).fillColor(BRAND).text(input.verifyUrl, textX, doc.y + 2, { width: textW, align: "right", link: input.verifyUrl });

  doc.end();
  return done;
}

function nfc(text: string) {
  return text.normalize("NFC");
}

/**
 * Writes centred text at the largest size (max…min) that fits in `lines` lines (one more below `moreLinesBelow`);
 * below that it wraps at the minimum size. Returns the y below it.
 */
function fitted(
  doc: PDFKit.PDFDocument,
  text: string,
  font: string,
  o: { x: number; y: number; width: number; max: number; min: number; lines: number; moreLinesBelow?: number; color: string },
) {
  doc.font(font);
  let size = o.max;
  for (; size > o.min; size -= 1) {
    doc.fontSize(size);
    const lines = o.moreLinesBelow && size < o.moreLinesBelow ? o.lines + 1 : o.lines;
    if (doc.heightOfString(text, { width: o.width }) <= doc.currentLineHeight(true) * lines * 1.05) break;
  }
  doc.fontSize(size).fillColor(o.color).text(text, o.x, o.y, { width: o.width, align: "center" });
  return doc.y;
}

/** The QR code drawn as vector squares (crisp at any zoom, a few hundred bytes). */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const cell = size / (n + 2);
  doc.rect(x, y, size, size).fill("#ffffff");
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) doc.rect(x + (c + 1) * cell, y + (r + 1) * cell, cell + 0.02, cell + 0.02);
    }
  }
  doc.fill("#000000");
}

/** The built-in mark when no ORG_LOGO is configured: an open book in a circle. */
function drawMark(doc: PDFKit.PDFDocument, x: number, y: number, size: number) {
  const cx = x + size / 2;
  const cy = y + size / 2;
  doc.circle(cx, cy, size / 2).fill(BRAND);
  const w = size * 0.3;
  const h = size * 0.36;
  doc
    .moveTo(cx, cy - h / 2 + 3)
    .lineTo(cx - w, cy - h / 2)
    .lineTo(cx - w, cy + h / 2)
    .lineTo(cx, cy + h / 2 + 3)
    .closePath()
    .fill("#ffffff");
  doc
    .moveTo(cx + 1.5, cy - h / 2 + 3)
    .lineTo(cx + w, cy - h / 2)
    .lineTo(cx + w, cy + h / 2)
    .lineTo(cx + 1.5, cy + h / 2 + 3)
    .closePath()
    .fill(ACCENT);
}
