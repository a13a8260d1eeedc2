/**
 * The demo data of every dev stack: provider accounts, a platform-admin placeholder and the two bundled courses
 * (web/content/courses), published with prices. Idempotent and fast when nothing changed (each course is one
 * fingerprint lookup). No passwords or other secrets: the accounts cannot sign in until someone sets that up.
 *
 * The demo providers' addresses are stored as confirmed: they are `…@example.org` (reserved, nobody receives mail
 * there; only such addresses are marked, see {@link isReservedAddress}), so whoever acts as a demo provider (the e2e
 * specs and walkthroughs do, with session tokens) would otherwise see a "confirm your e-mail" banner that can never
 * be acted on. Databases seeded before get the mark at the next seed. The platform-admin placeholder stays
 * unconfirmed: nobody signs in as it without a reset link (which confirms the address), and an unconfirmed address
 * keeps OpenID Connect sign-ins from linking to the most privileged account (features/auth/oauth.ts).
 */
import path from "node:path";
import type { PrismaClient } from "@smolitux/db";
import type { StorageDriver } from "@/server/storage/types.ts";
import { CourseFormatError } from "./errors.ts";
import { importCourse, type ImportResult } from "./import-course.ts";
import { parseCourseFolder } from "./parse-course.ts";
import { ensureUser } from "./providers.ts";
import type { CoursePriceInput } from "./write-course.ts";

/** web/content, resolved from this file. */
export const DEFAULT_CONTENT_DIR = path.resolve(import.meta.dirname, "../../../../content");

const WEI = 10n ** 18n;

/** What the seed imports, and how. Prices: cents for EUR/USD, wei for ESN/POL. */
export const DEMO_COURSES: ReadonlyArray<{ folder: string; featured: boolean; prices: CoursePriceInput[] }> = [
  {
    folder: "courses/git-novice",
    featured: true,
    prices: [
      { currency: "EUR", amount: 1999n },
      { currency: "USD", amount: 2199n },
      { currency: "ESN", amount: 25n * WEI },
      { currency: "POL", amount: 10n * WEI },
    ],
  },
  { folder: "courses/solidity-by-example", featured: false, prices: [] },
];

/**
 * True for an e-mail address at a domain reserved for examples and tests (RFC 2606 / RFC 6761: example.org/.com/.net
 * and the TLDs .example, .test, .invalid, .localhost) — nobody can receive mail there. Case-insensitive.
 */
export function isReservedAddress(email: string): boolean {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  return /(^|\.)example\.(org|com|net)$/.test(domain) || /\.(example|test|invalid|localhost)$/.test(domain);
}

/** Placeholder platform admin (no password). */
export const DEMO_ADMIN = { email: "platform-admin@example.org", name: "Platform admin (placeholder)" } as const;

export interface SeedOptions {
  /** folder holding `courses/` and `media/` (default: web/content) */
  contentDir?: string;
}

export interface SeedSummary {
  adminId: string;
  courses: ImportResult[];
  elapsedMs: number;
  /** one line for logs, e.g. "seed: git-novice unchanged, solidity-by-example created (…) in 35 ms" */
  line: string;
}

/**
 * Seeds the database (idempotent; safe at every dev-stack start).
 * @throws CourseFormatError when a bundled course has no provider in its course.yaml; import errors as thrown by importCourse
 */
export async function seed(db: PrismaClient, storage: StorageDriver, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const contentDir = options.contentDir ?? DEFAULT_CONTENT_DIR;
  const adminId = await ensureUser(db, { ...DEMO_ADMIN, roles: ["PLATFORM_ADMIN"] });
  const courses: ImportResult[] = [];
  for (const demo of DEMO_COURSES) {
    const course = await parseCourseFolder(path.join(contentDir, demo.folder), { contentRoot: contentDir });
    if (!course.provider)
      throw new CourseFormatError(`${demo.folder}/course.yaml`, "provider", "the demo courses need a provider");
    const providerId = await ensureUser(db, {
      ...course.provider,
      roles: ["PROVIDER"],
      emailVerified: isReservedAddress(course.provider.email),
    });
    // a demo storefront (features/storefronts) at /providers/<course slug>; kept as the provider edits it
    await db.providerStorefront.upsert({
      where: { userId: providerId },
      create: {
        userId: providerId,
        slug: course.slug,
        bio: `Demo provider of the openly licensed course *${course.title}*.`,
        accentColor: demo.featured ? "#0f766e" : "#7c3aed",
      },
      update: {},
      select: { userId: true },
    });
    courses.push(
      await importCourse({ db, storage }, course, {
        providerId,
        publish: true,
        featured: demo.featured,
        prices: demo.prices,
      }),
    );
  }
  const elapsedMs = Math.round(performance.now() - started);
  const parts = courses.map((c) =>
    c.status === "unchanged"
      ? `${c.slug} unchanged`
      : `${c.slug} ${c.status} (${c.lessons} lessons, ${c.questions} questions, ${c.mediaUploaded} media uploaded)`,
  );
  return { adminId, courses, elapsedMs, line: `seed: ${parts.join(", ")} in ${elapsedMs} ms` };
}
