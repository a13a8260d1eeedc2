import jsQR from "jsqr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { linkedInAddUrl, qrSvgDataUrl } from "./share.ts";

describe("certificate sharing", () => {
  it("fills LinkedIn's add-certification URL (year and month of issue in UTC)", () => {
    const url = new URL(
      linkedInAddUrl({
        name: "Version Control with Git",
        organizationName: "Smolitux Academy",
        issuedAt: new Date("2026-01-31T23:30:00Z"),
        certUrl: "https://academy.example/verify/abc",
        certId: "abc",
      }),
    );
    expect(url.origin + url.pathname).toBe("https://www.linkedin.com/profile/add");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "Version Control with Git",
      organizationName: "Smolitux Academy",
      issueYear: "2026",
      issueMonth: "1",
      certUrl: "https://academy.example/verify/abc",
      certId: "abc",
    });
  });

  it("draws a QR code that decodes to the verification URL", async () => {
    const url = "https://academy.example/verify/cert123";
    const dataUrl = await qrSvgDataUrl(url);
    expect(dataUrl.startsWith("data:image/svg+xml;base64,")).toBe(true);
    const svg = Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64");
    const { data, info } = await sharp(svg, { density: 300 }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data).toBe(url);
  });
});
