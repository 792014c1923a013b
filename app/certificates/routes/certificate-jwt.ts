import { data } from "react-router";
import type { Route } from "./+types/certificate-jwt";
import { findOwnCertificate } from "~/certificates/certificates.server";
import { getDb, requireUser } from "~/platform/auth.server";

/** The signed Open Badges 3.0 credential (VC-JWT) for a wallet or backpack; only for its holder. */
export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const certificate = await findOwnCertificate(getDb(args.context), user.id, args.params.code);
  if (!certificate?.credentialJwt) throw data({ reason: "not-found" }, { status: 404 });
  return new Response(certificate.credentialJwt, {
    headers: {
      "content-type": "application/jwt",
      "content-disposition": `attachment; filename="open-badge-${certificate.courseSlug}-${certificate.code}.jwt"`,
      "cache-control": "private, no-store",
    },
  });
}
