/**
 * Sharing a certificate: LinkedIn's public "add a certification to your profile" URL with the fields filled
 * (https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME, documented by LinkedIn's "Add to
 * Profile" for certifications), and the QR code of the public verification page. Pure except for the QR
 * encoder; usable by server components (no "use client").
 */
import QRCode from "qrcode";

/** What LinkedIn's add-certification form takes. */
export interface LinkedInCertification {
  /** certification name, e.g. the course title */
  name: string;
  /** issuing organisation as a display name */
  organizationName: string;
  /** date of issue (the year and month, UTC, are sent) */
  issuedAt: Date;
  /** the public verification URL */
  certUrl: string;
  /** the credential id shown on the profile */
  certId: string;
}

/**
 * LinkedIn's add-certification URL: `startTask=CERTIFICATION_NAME` and `name`, `organizationName`,
 * `issueYear`, `issueMonth` (1–12), `certUrl`, `certId`, each URL-encoded.
 */
export function linkedInAddUrl(c: LinkedInCertification): string {
  const q = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: c.name,
    organizationName: c.organizationName,
    issueYear: String(c.issuedAt.getUTCFullYear()),
    issueMonth: String(c.issuedAt.getUTCMonth() + 1),
    certUrl: c.certUrl,
    certId: c.certId,
  });
  return `https://www.linkedin.com/profile/add?${q.toString()}`;
}

/**
 * The QR code of `url` as an SVG `data:` URL (error correction M, 4-module quiet zone), for an `<img>` —
 * CSP allows `data:` images.
 */
export async function qrSvgDataUrl(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
