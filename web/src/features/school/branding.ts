/**
 * School branding (one SchoolSettings row, id "school"): name, logo and two colours, set by a school admin and
 * applied to every page (header, CSS colours) and to certificates (PDF frame/title colour and logo; the
 * issuer name in new credentials and PDFs). Logos: PNG or JPEG (the formats PDFs embed), ≤ 256 KB, checked
 * by their magic bytes, served from /api/school/logo.
 */
import type { PrismaClient } from "@smolitux/db";
import { z } from "zod";
import { recordAudit } from "@/features/admin/audit.ts";
import { ApiError, parseInput } from "@/server/http.ts";
import { requireSchoolAdmin, type SchoolActor } from "./access.ts";

/** Largest logo in bytes. */
export const LOGO_MAX_BYTES = 256 * 1024;

const colour = z
  .string({ error: "invalid_colour" })
  .regex(/^#[0-9a-fA-F]{6}$/, "invalid_colour")
  .transform((c) => c.toLowerCase());

export const brandingSchema = z.object({
  name: z.string({ error: "required" }).trim().min(1, "required").max(120, "too_long"),
  primaryColor: colour,
  accentColor: colour,
});
export type BrandingInput = z.infer<typeof brandingSchema>;

/** The branding pages and certificates use; `name` null = the platform's own name. */
export interface Branding {
  name: string | null;
  primaryColor: string | null;
  accentColor: string | null;
  /** cache-busting version of the logo (`/api/school/logo?v=…`), null without a logo */
  logoVersion: string | null;
}

export const NO_BRANDING: Branding = { name: null, primaryColor: null, accentColor: null, logoVersion: null };

/** The current branding (NO_BRANDING before a school admin set one). */
export async function getBranding(db: PrismaClient): Promise<Branding> {
  const s = await db.schoolSettings.findUnique({
    where: { id: "school" },
    select: { name: true, primaryColor: true, accentColor: true, logoMimeType: true, updatedAt: true },
  });
  if (!s) return NO_BRANDING;
  return {
    name: s.name,
    primaryColor: s.primaryColor,
    accentColor: s.accentColor,
    logoVersion: s.logoMimeType ? String(s.updatedAt.getTime()) : null,
  };
}

/** Sets name and colours. @throws ApiError forbidden */
export async function updateBranding(db: PrismaClient, actor: SchoolActor, raw: BrandingInput): Promise<Branding> {
  requireSchoolAdmin(actor);
  const input = parseInput(brandingSchema, raw);
  await db.$transaction(async (tx) => {
    await tx.schoolSettings.upsert({ where: { id: "school" }, create: { id: "school", ...input }, update: input });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "school.branding_updated",
      entity: "SchoolSettings",
      entityId: "school",
      details: input,
    });
  });
  return getBranding(db);
}

/** The image type of `bytes` by its magic bytes (PNG, JPEG), or null. */
export function sniffLogo(bytes: Uint8Array): "image/png" | "image/jpeg" | null {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return "image/png";
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  return null;
}

/**
 * Stores the logo (replacing the previous one); an empty body removes it.
 * @throws ApiError forbidden, payload_too_large (> LOGO_MAX_BYTES), unsupported_media_type (not PNG/JPEG)
 */
export async function setLogo(db: PrismaClient, actor: SchoolActor, bytes: Uint8Array): Promise<Branding> {
  requireSchoolAdmin(actor);
  if (bytes.length > LOGO_MAX_BYTES) throw new ApiError("payload_too_large", "The logo may be at most 256 KB.");
  const mime = bytes.length === 0 ? null : sniffLogo(bytes);
  if (bytes.length > 0 && !mime) throw new ApiError("unsupported_media_type", "Upload the logo as PNG or JPEG.");
  const data = { logo: mime ? Buffer.from(bytes) : null, logoMimeType: mime };
  await db.$transaction(async (tx) => {
    await tx.schoolSettings.upsert({
      where: { id: "school" },
      create: { id: "school", name: "School", ...data },
      update: data,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "school.logo_updated",
      entity: "SchoolSettings",
      entityId: "school",
    });
  });
  return getBranding(db);
}

/** The logo bytes and type, or null. */
export async function getLogo(db: PrismaClient): Promise<{ bytes: Buffer; mimeType: string } | null> {
  const s = await db.schoolSettings.findUnique({ where: { id: "school" }, select: { logo: true, logoMimeType: true } });
  if (!s?.logo || !s.logoMimeType) return null;
  return { bytes: Buffer.from(s.logo), mimeType: s.logoMimeType };
}
