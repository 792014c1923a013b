import { data } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/certificate-pdf";
import { renderCertificatePdf } from "~/certificates/pdf.server";
import { certificateUrls } from "~/certificates/urls";
import { certificatePdfInput, findOwnCertificate } from "~/certificates/certificates.server";
import { getI18n } from "~/i18n/i18n.server";
import { getDb, requireUser } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { publicOrigin } from "~/platform/request-origin.server";

const QuerySchema = z.object({ lang: z.enum(["vi", "en"]).optional() });

/** The certificate as an A4 PDF in Vietnamese or English; only for its holder (404 for anyone else). */
export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const query = QuerySchema.safeParse(Object.fromEntries(args.url.searchParams));
  if (!query.success) throw data({ message: "validation.invalid" }, { status: 400 });
  const certificate = await findOwnCertificate(getDb(args.context), user.id, args.params.code);
  if (!certificate) throw data({ reason: "not-found" }, { status: 404 });
  const lang = query.data.lang ?? args.context.get(localeContext);
  const verifyUrl = certificateUrls(publicOrigin(args.request)).verify(certificate.code);
  const pdf = await renderCertificatePdf(certificatePdfInput(certificate, lang, verifyUrl));
  const name = `${getI18n(lang).t("certificates.pdf.fileName")}-${certificate.courseSlug}-${certificate.code}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${name}"`,
      "content-length": String(pdf.length),
      "cache-control": "private, no-store",
    },
  });
}
