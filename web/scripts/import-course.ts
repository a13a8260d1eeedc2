/**
 * `pnpm --filter @smolitux/web import-course <folder> [--provider-email x] [--provider-name n] [--publish]
 *   [--featured] [--force] [--price EUR:1999] [--price ESN:1000000000000000000]`
 *
 * Imports one course folder (see web/src/features/studio/import/parse-course.ts) with DATABASE_URL and the storage settings (STORAGE_DRIVER, STORAGE_DIR, S3_*, IPFS_*)
 * from the environment. Prices are integers in minor units: cents for EUR/USD, wei for ESN/POL; no price → free.
 * The provider defaults to course.yaml's `provider`; a missing provider account is created without a password.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createPrismaClient } from "@smolitux/db";
import { parseEnv } from "../src/server/env.ts";
import { createStorageFromEnv } from "../src/server/storage/index.ts";
import { normalizeCurrencyCode } from "../src/lib/money.ts";
import { CourseImportError } from "../src/features/studio/import/errors.ts";
import { importCourse } from "../src/features/studio/import/import-course.ts";
import { parseCourseFolder } from "../src/features/studio/import/parse-course.ts";
import { ensureUser } from "../src/features/studio/import/providers.ts";

const priceSchema = z
  .string()
  .regex(
    /^(EUR|USD|POL|MATIC|ESN):(\d{1,78})$/,
    "expected CURRENCY:AMOUNT, e.g. EUR:1999 (cents) or ESN:1000000000000000000 (wei)",
  )
  .transform((s) => {
    const [code, amount] = s.split(":") as [string, string];
    const currency = normalizeCurrencyCode(code) as "EUR" | "USD" | "POL" | "ESN"; // MATIC = former code of POL
    return { currency, amount: BigInt(amount) };
  });

const argsSchema = z.object({
  folder: z.string().min(1, "missing <folder>"),
  providerEmail: z.email().optional(),
  providerName: z.string().min(1).optional(),
  publish: z.boolean(),
  featured: z.boolean(),
  force: z.boolean(),
  prices: z.array(priceSchema),
});

function parseCli(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "provider-email": { type: "string" },
      "provider-name": { type: "string" },
      publish: { type: "boolean", default: false },
      featured: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      price: { type: "string", multiple: true, default: [] },
    },
  });
  const parsed = argsSchema.safeParse({
    folder: positionals[0] ?? "",
    providerEmail: values["provider-email"],
    providerName: values["provider-name"],
    publish: values.publish,
    featured: values.featured,
    force: values.force,
    prices: values.price,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`import-course: ${issue?.path.join(".") || "arguments"}: ${issue?.message}`);
  }
  return parsed.data;
}

async function main(): Promise<void> {
  const args = parseCli(process.argv.slice(2).filter((a) => a !== "--"));
  const env = parseEnv(process.env);
  const folder = path.resolve(process.env.INIT_CWD ?? process.cwd(), args.folder);
  const parseStarted = performance.now();
  const course = await parseCourseFolder(folder);
  const parseMs = Math.round(performance.now() - parseStarted);
  const email = args.providerEmail ?? course.provider?.email;
  if (!email) throw new Error("import-course: no provider — pass --provider-email or set provider in course.yaml");
  const name = args.providerName ?? (email === course.provider?.email ? course.provider.name : email);

  const db = createPrismaClient(env.DATABASE_URL, { max: 2 });
  try {
    const providerId = await ensureUser(db, { email, name, roles: ["PROVIDER"] });
    const r = await importCourse({ db, storage: createStorageFromEnv(env) }, course, {
      providerId,
      publish: args.publish,
      featured: args.featured,
      force: args.force,
      prices: args.prices,
    });
    for (const w of r.warnings) console.warn(`warning: ${w}`);
    const prices = args.prices.map((p) => `${p.currency} ${p.amount}`).join(", ") || "free";
    console.log(
      `${r.slug}: ${r.status} (course ${r.courseId}) — ${r.sections} sections, ${r.lessons} lessons, ${r.questions} quiz questions, ` +
        `${r.mediaAssets} media (${r.mediaUploaded} uploaded), ${args.publish ? "PUBLISHED" : "DRAFT"}, ${prices}; parse ${parseMs} ms, import ${r.elapsedMs} ms`,
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: unknown) => {
  const known = err instanceof CourseImportError || (err instanceof Error && err.message.startsWith("import-course:"));
  console.error(known ? (err as Error).message : err);
  process.exit(1);
});
