/**
 * Certificate PDFs are rendered by the worker and kept in media storage; the web process only serves the stored
 * file (loading pdfkit and rendering one PDF cost ~9 MB of heap and ~40 MB resident in a bare Node process — the web
 * heap of a school's Raspberry Pi stays small, selfhost/README.md "Footprint").
 *
 * The stored object's key carries a fingerprint of everything printed on the PDF (course, name, issuer, date, ids,
 * verification URL, school colour and logo version, {@link PDF_LAYOUT}): `certificates/pdf/<id>-<16 hex>.pdf`, and
 * `Certificate.pdfKey` records the key rendered last. The web side ({@link storedCertificatePdf}) computes the key
 * the certificate needs now; a missing or stale key (minted since: token id; name opt-in; new school branding)
 * is cleared, which queues the certificate for the worker's next pass ({@link renderCertificatePdfs}), and the
 * caller answers "pending" (202) — the page polls and offers a retry when it takes too long.
 */
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { Prisma, type PrismaClient } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";
import { hasRole, type SessionUser } from "@/server/auth.ts";
import { StorageError, type StorageDriver } from "@/server/storage/types.ts";
import { getBranding, getLogo, type Branding } from "@/features/school/branding.ts";
import { verifyUrl } from "./deps.ts";
import { utcDate } from "./nft/metadata.ts";
import type { CertificatePdfInput } from "./pdf.ts";

/** Bump when pdf.ts draws something differently: every stored PDF is then rendered again on its next request. */
export const PDF_LAYOUT = 1;

/** What the PDF functions need (a subset of CertificateDeps). */
export interface PdfStoreDeps {
  db: PrismaClient;
  storage: StorageDriver;
  appUrl: string;
  /** issuer name without school branding */
  issuerName: string;
}

const ROW = {
  id: true,
  userId: true,
  displayName: true,
  tokenId: true,
  credential: true,
  issuedAt: true,
  pdfKey: true,
  course: { select: { title: true } },
} as const;

interface PdfRow {
  id: string;
  displayName: string | null;
  tokenId: { toFixed(digits: number): string } | null;
  credential: unknown;
  issuedAt: Date;
  course: { title: string };
}

/** The PDF contents of a certificate under the current branding (logo bytes excluded: its version stands for it). */
function pdfContent(
  row: PdfRow,
  deps: Pick<PdfStoreDeps, "appUrl" | "issuerName">,
  branding: Branding,
): Omit<CertificatePdfInput, "brand"> & { brandColor: string | null; logoVersion: string | null } {
  const c = row.credential;
  const credentialId =
    typeof c === "object" && c !== null && !Array.isArray(c) && typeof (c as { id?: unknown }).id === "string"
      ? (c as { id: string }).id
      : null;
  return {
    courseTitle: row.course.title,
    displayName: row.displayName,
    issuerName: branding.name ?? deps.issuerName,
    date: utcDate(row.issuedAt),
    certificateId: row.id,
    tokenId: row.tokenId?.toFixed(0) ?? null,
    credentialId,
    verifyUrl: verifyUrl(deps.appUrl, row.id),
    brandColor: branding.primaryColor,
    logoVersion: branding.logoVersion,
  };
}

/** Storage key of the PDF with these contents: `certificates/pdf/<certificate id>-<sha-256 prefix>.pdf`. */
export function pdfKeyFor(content: ReturnType<typeof pdfContent>): string {
  const fingerprint = createHash("sha256")
    .update(JSON.stringify([PDF_LAYOUT, content]))
    .digest("hex")
    .slice(0, 16);
  return `certificates/pdf/${content.certificateId}-${fingerprint}.pdf`;
}

/** A stored PDF ready to send, or not rendered yet. */
export type StoredPdf = { state: "ready"; bytes: Buffer } | { state: "pending" };

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * The certificate's PDF for its owner or a platform admin, as the worker stored it; "pending" (and the certificate
 * queued for the worker) when it is missing or shows outdated contents.
 * @throws ApiError not_found (unknown, or not the caller's — no existence leak), conflict (not issued yet)
 */
export async function storedCertificatePdf(
  deps: PdfStoreDeps,
  user: Pick<SessionUser, "id" | "roles">,
  id: string,
): Promise<StoredPdf> {
  const row = await deps.db.certificate.findUnique({ where: { id }, select: ROW });
  if (!row || (row.userId !== user.id && !hasRole(user, "PLATFORM_ADMIN"))) {
    throw new ApiError("not_found", "Certificate not found.");
  }
  if (row.credential === null) throw new ApiError("conflict", "The certificate is still being issued.");
  const key = pdfKeyFor(pdfContent(row, deps, await getBranding(deps.db)));
  if (row.pdfKey === key) {
    try {
      return { state: "ready", bytes: await readAll((await deps.storage.get(key)).body) };
    } catch (err) {
      if (!(err instanceof StorageError && err.code === "not_found")) throw err;
    }
  }
  if (row.pdfKey !== null) {
    // outdated or lost: queue it again (only if nobody else changed it meanwhile); the old file goes
    const cleared = await deps.db.certificate.updateMany({ where: { id, pdfKey: row.pdfKey }, data: { pdfKey: null } });
    if (cleared.count === 1 && row.pdfKey !== key) await deps.storage.delete(row.pdfKey).catch(() => undefined);
  }
  return { state: "pending" };
}

/**
 * Worker step: renders the PDF of up to `limit` issued certificates that have none (`pdfKey` null), oldest first,
 * stores it and records its key. pdfkit is imported on the first render only.
 * @returns how many PDFs were rendered
 */
export async function renderCertificatePdfs(
  deps: PdfStoreDeps,
  opts: { limit?: number; onError?: (id: string, err: unknown) => void } = {},
): Promise<number> {
  const rows = await deps.db.certificate.findMany({
    where: { pdfKey: null, credential: { not: Prisma.DbNull } },
    orderBy: { issuedAt: "asc" },
    take: opts.limit ?? 10,
    select: ROW,
  });
  if (rows.length === 0) return 0;
  const [branding, logo, { renderCertificatePdf }] = await Promise.all([
    getBranding(deps.db),
    getLogo(deps.db),
    import("./pdf.ts"),
  ]);
  let rendered = 0;
  for (const row of rows) {
    try {
      const content = pdfContent(row, deps, branding);
      const key = pdfKeyFor(content);
      const { brandColor, logoVersion: _version, ...input } = content;
      const bytes = await renderCertificatePdf({ ...input, brand: { color: brandColor, logo: logo?.bytes ?? null } });
      await deps.storage.put(key, bytes, "application/pdf");
      const set = await deps.db.certificate.updateMany({ where: { id: row.id, pdfKey: null }, data: { pdfKey: key } });
      if (set.count === 1) rendered++;
    } catch (err) {
      opts.onError?.(row.id, err);
    }
  }
  return rendered;
}
