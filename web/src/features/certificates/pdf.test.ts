import jsQR from "jsqr";
import { PNG } from "pngjs";
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { pdfSafe, renderCertificatePdf } from "./pdf.ts";

const input = {
  courseTitle: "Version Control with Git",
  displayName: null,
  issuerName: "Smolitux Academy",
  date: "2026-11-22",
  certificateId: "cmcert123",
  tokenId: "123456789",
  credentialId: "http://localhost:3000/verify/cmcert123",
  verifyUrl: "http://localhost:3000/verify/cmcert123",
};

describe("certificate PDF", () => {
  it("is a valid PDF with course, holder, issuer, date, ids and the verification URL as text", async () => {
    const pdf = await renderCertificatePdf(input);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toMatch(/%%EOF/);
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    const { text } = await parser.getText();
    for (const s of [
      "Version Control with Git",
      "Certificate holder",
      "Smolitux Academy",
      "2026-11-22",
      "Token ID: 123456789",
      "Verify: http://localhost:3000/verify/cmcert123",
    ]) {
      expect(text).toContain(s);
    }
    await parser.destroy();
  });

  it("its QR code encodes the verification URL", async () => {
    const pdf = await renderCertificatePdf({ ...input, displayName: "Ada Lovelace" });
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    // pdf-parse returns each embedded image re-encoded as PNG; decode it to RGBA pixels for jsQR.
    const images = await parser.getImage({ imageBuffer: true, imageDataUrl: false });
    const decoded: string[] = [];
    for (const page of images.pages) {
      for (const img of page.images) {
        const png = PNG.sync.read(Buffer.from(img.data));
        const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
        if (qr) decoded.push(qr.data);
      }
    }
    await parser.destroy();
    expect(decoded).toEqual([input.verifyUrl]);
  });

  it("replaces characters the standard fonts cannot render", () => {
    expect(pdfSafe("Zoë Ünal – 李")).toBe("Zoë Ünal – ?");
  });
});
