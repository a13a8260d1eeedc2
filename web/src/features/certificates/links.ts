/** URLs of the learner's certificate pages, in one place so every "Get your certificate" goes to the same page. */

/** The learner's list of certificates. */
export const CERTIFICATES_HREF = "/certificates";

/**
 * Where "Get your certificate" leads: the certificate's own page (`/certificates/<id>`, which asks for the name
 * first while the learner has not chosen it), else — no certificate recorded yet — the list.
 */
export function certificateHref(certificateId: string | null): string {
  return certificateId ? `${CERTIFICATES_HREF}/${encodeURIComponent(certificateId)}` : CERTIFICATES_HREF;
}
