import QRCode from "qrcode";
import { publicOrigin } from "~/platform/request-origin.server";

/** The join link printed under the QR code: the trusted public origin (APP_URL), never the request's Host. */
export async function joinLink(request: Request, code: string) {
  const url = `${publicOrigin(request)}/live/${code}`;
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { url, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}
