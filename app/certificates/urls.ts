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
