/**
 * Provider storefronts (issue 14 item 11): settings validation (slug, colours, links, logo ownership, custom domain
 * syntax, the platform's own host, uniqueness), the public read models by slug and by custom domain, published
 * courses only, the course pages' accent colour, and the logo being public media.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { ApiError } from "@/server/http.ts";
import { authorizeMedia } from "@/features/media/access.ts";
import { createUser } from "@/features/studio/testing/fixtures.ts";
import { storefrontInputSchema } from "./schemas.ts";
import {
  courseProviderBranding,
  myStorefront,
  saveStorefront,
  storefrontByDomain,
  storefrontBySlug,
  storefrontCourseIds,
} from "./service.ts";

let t: TestDatabase;
let n = 0;
const APP_HOST = "academy.example.com";

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const input = (x: Record<string, unknown>) => storefrontInputSchema.parse(x);
const tag = () => `${Date.now().toString(36)}${(n += 1)}`;

async function fields(p: Promise<unknown>): Promise<Record<string, string> | undefined> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return (err as ApiError).fields;
}

describe("storefront settings", () => {
  it("saves and reads back; slug and custom domain are unique; the domain is normalized", async () => {
    const p = await createUser(t.db, "Paula Provider");
    const slug = `paula-${tag()}`;
    const saved = await saveStorefront(
      t.db,
      p,
      input({
        slug,
        bio: "I teach **Git**.",
        primaryColor: "#112233",
        accentColor: "#AA5500",
        links: [{ label: "Website", url: "https://paula.example.org" }],
        customDomain: ` Learn-${slug}.Example.ORG. `,
      }),
      APP_HOST,
    );
    expect(saved.customDomain).toBe(`learn-${slug}.example.org`);
    expect(saved.accentColor).toBe("#aa5500");
    expect(await myStorefront(t.db, p)).toMatchObject({
      slug,
      links: [{ label: "Website", url: "https://paula.example.org" }],
    });

    const other = await createUser(t.db, "Otto Provider");
    expect(await fields(saveStorefront(t.db, other, input({ slug }), APP_HOST))).toEqual({ slug: "taken" });
    expect(
      await fields(
        saveStorefront(
          t.db,
          other,
          input({ slug: `otto-${tag()}`, customDomain: `learn-${slug}.example.org` }),
          APP_HOST,
        ),
      ),
    ).toEqual({ customDomain: "taken" });
    expect(
      await fields(
        saveStorefront(t.db, other, input({ slug: `otto-${tag()}`, customDomain: "https://x.org" }), APP_HOST),
      ),
    ).toEqual({
      customDomain: "invalid_domain",
    });
    expect(
      await fields(
        saveStorefront(t.db, other, input({ slug: `otto-${tag()}`, customDomain: `shop.${APP_HOST}` }), APP_HOST),
      ),
    ).toEqual({
      customDomain: "platform_domain",
    });
    // clearing the domain frees it
    await saveStorefront(t.db, p, input({ slug, customDomain: null }), APP_HOST);
    await saveStorefront(
      t.db,
      other,
      input({ slug: `otto-${tag()}`, customDomain: `learn-${slug}.example.org` }),
      APP_HOST,
    );
  });

  it("refuses bad slugs, colours, links, a foreign or non-image logo, and non-providers", async () => {
    expect(storefrontInputSchema.safeParse({ slug: "ab" }).success).toBe(false);
    expect(storefrontInputSchema.safeParse({ slug: "domain" }).success).toBe(false);
    expect(storefrontInputSchema.safeParse({ slug: "good-slug", primaryColor: "red" }).success).toBe(false);
    expect(
      storefrontInputSchema.safeParse({ slug: "good-slug", links: [{ label: "x", url: "javascript:alert(1)" }] })
        .success,
    ).toBe(false);
    const p = await createUser(t.db, "Provider");
    const stranger = await createUser(t.db, "Stranger");
    const foreign = await t.db.mediaAsset.create({
      data: {
        ownerId: stranger.id,
        driver: "FS",
        key: `sf/${tag()}`,
        mimeType: "image/png",
        sizeBytes: 1n,
        sha256: "00".repeat(32),
      },
    });
    const pdf = await t.db.mediaAsset.create({
      data: {
        ownerId: p.id,
        driver: "FS",
        key: `sf/${tag()}`,
        mimeType: "application/pdf",
        sizeBytes: 1n,
        sha256: "00".repeat(32),
      },
    });
    for (const logoId of [foreign.id, pdf.id])
      expect(await fields(saveStorefront(t.db, p, input({ slug: `p-${tag()}`, logoId }), APP_HOST))).toEqual({
        logoId: "invalid_logo",
      });
    const learner = await createUser(t.db, "Learner", ["LEARNER"]);
    const err = await saveStorefront(t.db, learner, input({ slug: `l-${tag()}` }), APP_HOST).catch((e: unknown) => e);
    expect((err as ApiError).code).toBe("forbidden");
  });
});

describe("public storefront", () => {
  it("by slug and by custom domain, with published courses only, sanitized bio and a public logo; course pages get the accent", async () => {
    const p = await createUser(t.db, "Grace Provider");
    const slug = `grace-${tag()}`;
    const logo = await t.db.mediaAsset.create({
      data: {
        ownerId: p.id,
        driver: "FS",
        key: `sf/${tag()}`,
        mimeType: "image/png",
        sizeBytes: 1n,
        sha256: "00".repeat(32),
      },
    });
    expect((await authorizeMedia(t.db, logo.id, null).catch((e: unknown) => e)) as ApiError).toBeInstanceOf(ApiError);
    await saveStorefront(
      t.db,
      p,
      input({
        slug,
        bio: "Hi <script>alert(1)</script> **there**",
        accentColor: "#aa5500",
        logoId: logo.id,
        customDomain: `${slug}.example.net`,
      }),
      APP_HOST,
    );
    const published = await t.db.course.create({
      data: {
        slug: `sf-pub-${tag()}`,
        title: "Published",
        providerId: p.id,
        status: "PUBLISHED",
        publishedAt: new Date(),
      },
    });
    await t.db.course.create({ data: { slug: `sf-draft-${tag()}`, title: "Draft", providerId: p.id } });

    const page = await storefrontBySlug(t.db, slug.toUpperCase());
    expect(page).toMatchObject({
      slug,
      name: "Grace Provider",
      accentColor: "#aa5500",
      logoUrl: `/api/media/${logo.id}`,
    });
    expect(page!.bioHtml).toContain("<strong>there</strong>");
    expect(page!.bioHtml).not.toContain("<script");
    expect(await storefrontCourseIds(t.db, p.id)).toEqual([published.id]);
    expect((await storefrontByDomain(t.db, `${slug.toUpperCase()}.example.net:443`))?.slug).toBe(slug);
    expect(await storefrontByDomain(t.db, "unknown.example.net")).toBeNull();
    expect(await storefrontBySlug(t.db, "no-such-store")).toBeNull();
    expect(await courseProviderBranding(t.db, published.slug)).toEqual({
      slug,
      accentColor: "#aa5500",
      primaryColor: null,
    });
    // the logo is public while it is the logo
    expect((await authorizeMedia(t.db, logo.id, null)).public).toBe(true);
    await saveStorefront(t.db, p, input({ slug }), APP_HOST);
    expect(await authorizeMedia(t.db, logo.id, null).catch((e: unknown) => (e as ApiError).code)).toBe(
      "unauthenticated",
    );
  });

  it("a former provider's storefront is not shown", async () => {
    const p = await createUser(t.db, "Former");
    const slug = `former-${tag()}`;
    await saveStorefront(t.db, p, input({ slug }), APP_HOST);
    await t.db.user.update({ where: { id: p.id }, data: { roles: ["LEARNER"] } });
    expect(await storefrontBySlug(t.db, slug)).toBeNull();
  });
});
