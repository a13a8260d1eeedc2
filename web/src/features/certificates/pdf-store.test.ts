/**
 * Integration (real PostgreSQL, fs storage, no chain): the worker renders certificate PDFs into storage and the web
 * side only serves them — "pending" until rendered, re-queued (old file removed) when what the PDF shows changes
 * (here: the school's name), owner or platform admin only, 409 while the certificate is not issued.
 */
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../../test/db.ts";
import type { CertificateDeps } from "./deps.ts";
import { renderCertificatePdfs, storedCertificatePdf } from "./pdf-store.ts";
import { advanceCertificates } from "./service.ts";
import { completedCourseCertificate, startCertificateTestbed, type CertificateTestbed } from "./testing/fixtures.ts";

let bed: CertificateTestbed;
let t: TestDatabase;
let dir: string;
let deps: CertificateDeps;

beforeAll(async () => {
  bed = await startCertificateTestbed({ appUrl: "http://school.lan", issuerName: "Smolitux Academy", anchor: false });
  ({ t, dir, deps } = bed);
}, 60_000);
afterAll(async () => {
  await bed?.close();
});

const pdfFiles = async () => (await readdir(path.join(dir, "certificates/pdf")).catch(() => [])).sort();

describe("certificate PDFs rendered by the worker", () => {
  it("pending until the worker stored it, then served; re-rendered when the school's name changes", async () => {
    const { learner: pupil, cert } = await completedCourseCertificate(
      t.db,
      { username: "pdfpupil", certificateNameConfirmedAt: new Date() },
      { slug: "pdf-cert", title: "PDF course" },
    );
    const other = await t.db.user.create({ data: { username: "other" } });
    const admin = { id: "admin", roles: ["PLATFORM_ADMIN" as const] };
    const owner = { id: pupil.id, roles: [] };

    // not issued yet: 409, and nothing to render
    await expect(storedCertificatePdf(deps, owner, cert.id)).rejects.toMatchObject({ code: "conflict" });
    expect(await renderCertificatePdfs(deps)).toBe(0);

    await advanceCertificates(deps);
    expect(await storedCertificatePdf(deps, owner, cert.id)).toEqual({ state: "pending" });
    expect(await renderCertificatePdfs(deps)).toBe(1);
    expect(await renderCertificatePdfs(deps)).toBe(0); // nothing left
    const first = await pdfFiles();
    expect(first).toHaveLength(1);

    const ready = await storedCertificatePdf(deps, owner, cert.id);
    expect(ready.state).toBe("ready");
    const bytes = ready.state === "ready" ? ready.bytes : Buffer.alloc(0);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((await storedCertificatePdf(deps, admin, cert.id)).state).toBe("ready");
    await expect(storedCertificatePdf(deps, { id: other.id, roles: [] }, cert.id)).rejects.toMatchObject({
      code: "not_found",
    });

    // the school names itself: the stored PDF is outdated → queued again, the old file removed, then re-rendered
    await t.db.schoolSettings.create({ data: { name: "Dorfschule Nord" } });
    expect(await storedCertificatePdf(deps, owner, cert.id)).toEqual({ state: "pending" });
    expect((await t.db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).pdfKey).toBeNull();
    expect(await pdfFiles()).toEqual([]);
    expect(await renderCertificatePdfs(deps)).toBe(1);
    const second = await pdfFiles();
    expect(second).toHaveLength(1);
    expect(second).not.toEqual(first);
    const again = await storedCertificatePdf(deps, owner, cert.id);
    expect(again.state === "ready" && again.bytes.includes(Buffer.from("Dorfschule Nord"))).toBe(true);

    // a lost file is noticed and rendered again
    await rm(path.join(dir, "certificates/pdf", second[0]!));
    expect(await storedCertificatePdf(deps, owner, cert.id)).toEqual({ state: "pending" });
    expect(await renderCertificatePdfs(deps)).toBe(1);
    expect((await storedCertificatePdf(deps, owner, cert.id)).state).toBe("ready");
  });
});
