/**
 * The downloadable certificate PDF (pdfkit, A4 landscape, PDF 1.3 standard Helvetica fonts bundled with
 * pdfkit — nothing is fetched) with a QR code (qrcode, PNG, error correction M) that encodes the public
 * verification URL; the URL is also printed and linked.
 *
 * The standard fonts cover WinAnsi (Latin-1 + a few symbols); characters outside it are replaced by "?".
 */
import PDFDocument from "pdfkit";
import QRCode from "qrcode";

/** What the PDF shows. */
export interface CertificatePdfInput {
  courseTitle: string;
  /** learner's name when they opted in, else null ("Certificate holder") */
  displayName: string | null;
  issuerName: string;
  /** YYYY-MM-DD (UTC) */
  date: string;
  certificateId: string;
  /** decimal token id once minted */
  tokenId: string | null;
  credentialId: string | null;
  verifyUrl: string;
  /** school branding (features/school/branding): frame/title colour `#rrggbb` and a PNG/JPEG logo */
  brand?: { color: string | null; logo: Buffer | null };
}

const WIN_ANSI_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

/** Replaces characters the standard PDF fonts cannot show. */
export function pdfSafe(s: string): string {
  return [...s]
    .map((ch) => {
      const code = ch.codePointAt(0)!;
      return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.includes(ch) ? ch : "?";
    })
    .join("");
}

/** The PNG bytes of the QR code for `url`. */
export async function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 2, width: 360 });
}

/**
 * Renders the certificate PDF.
 * @returns the PDF bytes
 */
export async function renderCertificatePdf(p: CertificatePdfInput): Promise<Buffer> {
  const qr = await qrPng(p.verifyUrl);
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 48,
    info: { Title: pdfSafe(`Certificate: ${p.courseTitle}`), Author: pdfSafe(p.issuerName), Subject: p.verifyUrl },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const w = doc.page.width;
  const h = doc.page.height;
  const brandColor = p.brand?.color && /^#[0-9a-f]{6}$/i.test(p.brand.color) ? p.brand.color : "#4f46e5";
  doc
    .rect(20, 20, w - 40, h - 40)
    .lineWidth(6)
    .stroke(brandColor);
  doc
    .rect(32, 32, w - 64, h - 64)
    .lineWidth(1)
    .stroke("#c7d2fe");
  const textWidth = w - 96 - 220;

  if (p.brand?.logo) {
    // Top right, clear of the QR code (which sits in the lower right).
    doc.image(p.brand.logo, w - 60 - 140, 52, { fit: [140, 90], align: "right" });
  }
  doc
    .fillColor(brandColor)
    .font("Helvetica-Bold")
    .fontSize(14)
    .text("CERTIFICATE OF COMPLETION", 60, 70, { characterSpacing: 3 });
  doc.moveDown(1.2);
  doc.fillColor("#334155").font("Helvetica").fontSize(14).text("This certifies that", { width: textWidth });
  doc.moveDown(0.4);
  doc
    .fillColor("#0f172a")
    .font("Helvetica-Bold")
    .fontSize(26)
    .text(pdfSafe(p.displayName ?? "Certificate holder"), {
      width: textWidth,
    });
  doc.moveDown(0.4);
  doc.fillColor("#334155").font("Helvetica").fontSize(14).text("has completed the course", { width: textWidth });
  doc.moveDown(0.4);
  doc.fillColor("#0f172a").font("Helvetica-Bold").fontSize(30).text(pdfSafe(p.courseTitle), { width: textWidth });
  doc.moveDown(1);
  doc.fillColor("#334155").font("Helvetica").fontSize(12);
  doc.text(`Issued by ${pdfSafe(p.issuerName)} on ${p.date}`, { width: textWidth });
  doc.text(`Certificate ID: ${p.certificateId}`, { width: textWidth });
  if (p.tokenId) doc.text(`Token ID: ${p.tokenId}`, { width: textWidth });
  if (p.credentialId) doc.text(`Credential ID: ${p.credentialId}`, { width: textWidth });

  const qrSize = 180;
  const qrX = w - 60 - qrSize;
  const qrY = h - 80 - qrSize - 40;
  doc.image(qr, qrX, qrY, { width: qrSize, height: qrSize });
  doc.link(qrX, qrY, qrSize, qrSize, p.verifyUrl);
  doc
    .fontSize(9)
    .fillColor("#334155")
    .text("Scan to verify", qrX, qrY + qrSize + 4, { width: qrSize, align: "center" });
  doc
    .fontSize(10)
    .fillColor("#4f46e5")
    .text(`Verify: ${p.verifyUrl}`, 60, h - 80, { width: w - 120, link: p.verifyUrl, underline: true });
  doc.end();
  return done;
}
