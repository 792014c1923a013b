/** Every public URL of the certificate feature, from one origin (see publicOrigin). Paths are fixed by the product. */
export function certificateUrls(origin: string) {
  return {
    issuer: `${origin}/issuer`,
    jwks: `${origin}/.well-known/jwks.json`,
    key: (kid: string) => `${origin}/keys/${kid}.json`,
    verify: (code: string) => `${origin}/verify/${code}`,
    statusList: (list: number) => `${origin}/credentials/status/${list}`,
    achievement: (courseSlug: string) => `${origin}/courses/${courseSlug}`,
    programme: (slug: string) => `${origin}/learning/programmes/${slug}`,
    competence: (id: string) => `${origin}/competences#competence-${id}`,
  };
}

/**
 * LinkedIn's "Add to profile" link for a certification (addtoprofile.linkedin.com): a plain link, no LinkedIn script.
 * The holder's name is never in it; `certUrl` is the public verification page (from the trusted origin), `certId`
 * the code printed on the certificate. Months are 1–12 in UTC.
 */
export function linkedInAddToProfileUrl(input: {
  name: string;
  organizationName: string;
  issuedAt: Date;
  validUntil: Date | null;
  certUrl: string;
  certId: string;
}) {
  const params = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: input.name,
    organizationName: input.organizationName,
    issueYear: String(input.issuedAt.getUTCFullYear()),
    issueMonth: String(input.issuedAt.getUTCMonth() + 1),
  });
  if (input.validUntil) {
    params.set("expirationYear", String(input.validUntil.getUTCFullYear()));
    params.set("expirationMonth", String(input.validUntil.getUTCMonth() + 1));
  }
  params.set("certUrl", input.certUrl);
  params.set("certId", input.certId);
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}
