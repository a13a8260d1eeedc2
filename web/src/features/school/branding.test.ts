/** Integration (real PostgreSQL): school branding — admin-only changes, logo checks, and branded certificate PDFs. */
import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { renderCertificatePdf } from "@/features/certificates/pdf.ts";
import { getBranding, getLogo, LOGO_MAX_BYTES, NO_BRANDING, setLogo, sniffLogo, updateBranding } from "./branding.ts";

let tdb: TestDatabase;
const admin = { id: "", roles: ["LEARNER", "SCHOOL_ADMIN"] as ("LEARNER" | "SCHOOL_ADMIN")[] };
const teacher = { id: "", roles: ["LEARNER", "TEACHER"] as ("LEARNER" | "TEACHER")[] };
// A 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

beforeAll(async () => {
  tdb = await createTestDatabase();
  admin.id = (await tdb.db.user.create({ data: { username: "adm", roles: admin.roles } })).id;
  teacher.id = (await tdb.db.user.create({ data: { username: "tea", roles: teacher.roles } })).id;
}, 60_000);
afterAll(async () => {
  await tdb?.drop();
});

describe("school branding", () => {
  it("has no branding until a school admin sets one; teachers cannot", async () => {
    expect(await getBranding(tdb.db)).toEqual(NO_BRANDING);
    const input = { name: "Dorfschule Kleinberg", primaryColor: "#0F766E", accentColor: "#f59e0b" };
    await expect(updateBranding(tdb.db, teacher, input)).rejects.toMatchObject({ code: "forbidden" });
    const b = await updateBranding(tdb.db, admin, input);
    expect(b).toMatchObject({ name: "Dorfschule Kleinberg", primaryColor: "#0f766e", logoVersion: null });
  });

  it("accepts PNG/JPEG logos up to 256 KB only, and removes one with an empty body", async () => {
    expect(sniffLogo(PNG)).toBe("image/png");
    expect(sniffLogo(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    await expect(setLogo(tdb.db, admin, Buffer.from("<svg/>"))).rejects.toMatchObject({
      code: "unsupported_media_type",
    });
    await expect(setLogo(tdb.db, admin, Buffer.alloc(LOGO_MAX_BYTES + 1, 0x89))).rejects.toMatchObject({
      code: "payload_too_large",
    });
    await expect(setLogo(tdb.db, teacher, PNG)).rejects.toMatchObject({ code: "forbidden" });
    expect((await setLogo(tdb.db, admin, PNG)).logoVersion).not.toBeNull();
    expect(await getLogo(tdb.db)).toEqual({ bytes: PNG, mimeType: "image/png" });
    expect((await setLogo(tdb.db, admin, new Uint8Array())).logoVersion).toBeNull();
    expect(await getLogo(tdb.db)).toBeNull();
  });

  it("renders the certificate PDF with the school's colour, name and logo", async () => {
    const base = {
      courseTitle: "Fractions",
      displayName: null,
      date: "2026-12-06",
      certificateId: "c1",
      tokenId: null,
      credentialId: null,
      verifyUrl: "http://school.lan/verify/c1",
    };
    const plain = await renderCertificatePdf({ ...base, issuerName: "Smolitux Academy" });
    const branded = await renderCertificatePdf({
      ...base,
      issuerName: "Dorfschule Kleinberg",
      brand: { color: "#0f766e", logo: PNG },
    });
    const text = branded.toString("latin1");
    const images = (pdf: string) => (pdf.match(/\/Subtype \/Image/g) ?? []).length;
    expect(images(text)).toBeGreaterThan(images(plain.toString("latin1"))); // the logo besides the QR code
    expect(text).toContain("Dorfschule Kleinberg"); // document info: Author
    // #0f766e as the frame's stroke colour, in the (deflated) page content stream
    const streams = [...branded.toString("latin1").matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((m) => {
      try {
        return inflateSync(Buffer.from(m[1] ?? "", "latin1")).toString("latin1");
      } catch {
        return "";
      }
    });
    expect(/0\.0588\d* 0\.4627\d* 0\.4313\d* (RG|SC|SCN)\b/.test(streams.join("\n"))).toBe(true);
  });
});
