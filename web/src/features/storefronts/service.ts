/**
 * Provider storefronts: a provider (PROVIDER role) keeps one storefront — slug, Markdown bio, logo (one of their own
 * image uploads, public while it is the logo), two colours, links and an optional custom domain (unique, validated by
 * {@link normalizeCustomDomain}). The public page lists the provider's PUBLISHED courses; course pages take the
 * accent colour.
 */
import { Prisma, type PrismaClient } from "@smolitux/db";
import { renderMarkdown } from "@/lib/markdown.ts";
import { ApiError } from "@/server/http.ts";
import { normalizeCustomDomain, storefrontLinkSchema, type StorefrontInput, type StorefrontLink } from "./schemas.ts";

/** The signed-in provider. */
export interface StorefrontActor {
  id: string;
  roles: readonly string[];
}

/** Image types a logo may have. */
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp", "image/svg+xml"] as const;

/** The storefront as its owner edits it. */
export interface StorefrontSettings {
  slug: string;
  bio: string;
  logoId: string | null;
  primaryColor: string | null;
  accentColor: string | null;
  links: StorefrontLink[];
  customDomain: string | null;
}

function parseLinks(raw: Prisma.JsonValue): StorefrontLink[] {
  const parsed = storefrontLinkSchema.array().safeParse(raw);
  return parsed.success ? parsed.data : [];
}

/** The actor's storefront, or null when none exists yet. */
export async function myStorefront(db: PrismaClient, actor: StorefrontActor): Promise<StorefrontSettings | null> {
  const row = await db.providerStorefront.findUnique({ where: { userId: actor.id } });
  if (!row) return null;
  return {
    slug: row.slug,
    bio: row.bio,
    logoId: row.logoId,
    primaryColor: row.primaryColor,
    accentColor: row.accentColor,
    links: parseLinks(row.links),
    customDomain: row.customDomain,
  };
}

/**
 * Creates or replaces the actor's storefront.
 * @param appHost the platform's own host (APP_URL), which a custom domain must not be
 * @throws ApiError 403 (not a provider), 422 with `fields` (logo not an own image; domain invalid, the platform's,
 *   or taken; slug taken)
 */
export async function saveStorefront(
  db: PrismaClient,
  actor: StorefrontActor,
  input: StorefrontInput,
  appHost: string,
): Promise<StorefrontSettings> {
  if (!actor.roles.includes("PROVIDER")) throw new ApiError("forbidden", "Only providers have a storefront.");
  let customDomain: string | null = null;
  if (input.customDomain && input.customDomain.trim()) {
    const checked = normalizeCustomDomain(input.customDomain, appHost);
    if (checked.problem !== null)
      throw new ApiError("unprocessable", "This domain cannot be used.", { customDomain: checked.problem });
    customDomain = checked.domain;
  }
  if (input.logoId) {
    const asset = await db.mediaAsset.findUnique({
      where: { id: input.logoId },
      select: { ownerId: true, mimeType: true },
    });
    if (!asset || asset.ownerId !== actor.id || !(LOGO_TYPES as readonly string[]).includes(asset.mimeType))
      throw new ApiError("unprocessable", "The logo must be one of your own images.", { logoId: "invalid_logo" });
  }
  const data = {
    slug: input.slug,
    bio: input.bio,
    logoId: input.logoId,
    primaryColor: input.primaryColor,
    accentColor: input.accentColor,
    links: input.links,
    customDomain,
  };
  try {
    await db.providerStorefront.upsert({
      where: { userId: actor.id },
      create: { userId: actor.id, ...data },
      update: data,
      select: { userId: true },
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const target = JSON.stringify(err.meta ?? {});
      const field = target.includes("customDomain") ? "customDomain" : "slug";
      throw new ApiError("unprocessable", "Already in use by another provider.", { [field]: "taken" });
    }
    throw err;
  }
  return { ...data };
}

/** A storefront as the public page shows it. */
export interface StorefrontPage {
  slug: string;
  name: string;
  bioHtml: string;
  logoUrl: string | null;
  primaryColor: string | null;
  accentColor: string | null;
  links: StorefrontLink[];
  providerId: string;
}

async function toPage(
  db: PrismaClient,
  where: Prisma.ProviderStorefrontWhereUniqueInput,
): Promise<StorefrontPage | null> {
  const row = await db.providerStorefront.findUnique({
    where,
    include: { user: { select: { name: true, roles: true } } },
  });
  if (!row || !row.user.roles.includes("PROVIDER")) return null;
  return {
    slug: row.slug,
    name: row.user.name ?? row.slug,
    bioHtml: row.bio.trim() ? await renderMarkdown(row.bio) : "",
    logoUrl: row.logoId ? `/api/media/${encodeURIComponent(row.logoId)}` : null,
    primaryColor: row.primaryColor,
    accentColor: row.accentColor,
    links: parseLinks(row.links),
    providerId: row.userId,
  };
}

/** The public storefront of `slug`, or null. */
export function storefrontBySlug(db: PrismaClient, slug: string): Promise<StorefrontPage | null> {
  return toPage(db, { slug: slug.toLowerCase() });
}

/** The storefront served for the custom domain `host` (port ignored), or null. */
export function storefrontByDomain(db: PrismaClient, host: string): Promise<StorefrontPage | null> {
  return toPage(db, { customDomain: host.toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "") });
}

/** Ids of the provider's PUBLISHED courses, newest first. */
export async function storefrontCourseIds(db: PrismaClient, providerId: string): Promise<string[]> {
  const rows = await db.course.findMany({
    where: { providerId, status: "PUBLISHED" },
    orderBy: { publishedAt: "desc" },
    select: { id: true },
    take: 100,
  });
  return rows.map((r) => r.id);
}

/** The branding of a course's provider for its course page (accent colour, storefront link), or null. */
export async function courseProviderBranding(
  db: PrismaClient,
  courseSlug: string,
): Promise<{ slug: string; accentColor: string | null; primaryColor: string | null } | null> {
  const course = await db.course.findUnique({
    where: { slug: courseSlug },
    select: { provider: { select: { storefront: { select: { slug: true, accentColor: true, primaryColor: true } } } } },
  });
  return course?.provider.storefront ?? null;
}
