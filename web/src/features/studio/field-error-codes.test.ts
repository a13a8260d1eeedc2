/**
 * Issue 14 item 8: "errors next to the field in the UI's language". The studio shows a server field error by looking
 * its code up in `studio.fieldErrors` (form-state.tsx; the catalog completeness test makes every locale have the same
 * keys). This test fails when a studio form's schema or a studio service answers a field with something that is not
 * such a code — an English sentence would otherwise reach the German studio. The account page (/account: profile,
 * password, payout address, wallets, the avatar upload) does the same with `auth.fieldErrors`: its part below.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../../messages/en/studio.json";
import de from "../../../messages/de/studio.json";
import authEn from "../../../messages/en/auth.json";
import authDe from "../../../messages/de/auth.json";
import { zodFields } from "@/server/http.ts";
import { createCodesSchema } from "@/features/access-codes/schemas.ts";
import { storefrontInputSchema } from "@/features/storefronts/schemas.ts";
import { translationInputSchema } from "@/features/translations/schemas.ts";
import { becomeProviderSchema, changePasswordSchema, profileSchema, signUpSchema } from "@/features/auth/schemas.ts";
import {
  courseInputSchema,
  flashcardsSchema,
  lessonCreateSchema,
  lessonUpdateSchema,
  pricingSchema,
  quizSchema,
  titleSchema,
} from "./schemas.ts";

const CODES = new Set(Object.keys(en.fieldErrors));
const long = (n: number) => "x".repeat(n);

/** Bad inputs a studio form can send (text fields as typed, numbers as `Number(text)`). */
const CASES: [string, { safeParse(v: unknown): { success: boolean; error?: unknown } }, unknown][] = [
  ["course: empty", courseInputSchema, { title: "", category: "Not OK", language: "", level: "" }],
  [
    "course: long lines, tags, cover without alt",
    courseInputSchema,
    {
      title: long(121),
      subtitle: long(201),
      description: long(20_001),
      language: "xx",
      level: "EXPERT",
      category: "ok",
      tags: [long(31), ...Array.from({ length: 11 }, (_, i) => `t${i}`)],
      learningOutcomes: [long(161)],
      requirements: Array.from({ length: 13 }, (_, i) => `r${i}`),
      coverId: "cabcdefghij0123456789",
      coverCrop: { x: 90, y: 0, width: 20, height: 10 },
      coverAlt: "",
      videoCompletionPercent: Number("abc"),
    },
  ],
  ["section title", titleSchema, { title: "  " }],
  ["section title too long", titleSchema, { title: long(201) }],
  ["add lesson", lessonCreateSchema, { title: "", kind: "" }],
  [
    "lesson",
    lessonUpdateSchema,
    { title: "", body: long(100_001), mediaId: "not an id", durationSeconds: Number("x") },
  ],
  [
    "quiz",
    quizSchema,
    {
      passMarkPercent: Number(""),
      maxAttempts: 0,
      cooldownSeconds: -60,
      questions: [
        { prompt: "", multiple: false, explanation: long(4001), options: [{ text: "", correct: false }] },
        {
          prompt: "p",
          multiple: false,
          options: [
            { text: "a", correct: true },
            { text: "b", correct: true },
          ],
        },
      ],
    },
  ],
  ["quiz without questions", quizSchema, { passMarkPercent: 50, questions: [] }],
  ["flashcards", flashcardsSchema, { cards: [{ front: "", back: long(4001) }] }],
  ["no flashcards", flashcardsSchema, { cards: [] }],
  [
    "pricing",
    pricingSchema,
    {
      isFree: false,
      prices: { EUR: "19.999", USD: "abc", ESN: "0", POL: long(41) },
      refundWindowDays: 31,
      payoutAddress: "0x12",
    },
  ],
  ["free with prices", pricingSchema, { isFree: true, prices: { EUR: "5" }, refundWindowDays: Number("") }],
  [
    "payout to zero address",
    pricingSchema,
    { isFree: true, refundWindowDays: 7, payoutAddress: `0x${"0".repeat(40)}` },
  ],
  [
    "storefront",
    storefrontInputSchema,
    {
      slug: "A",
      bio: long(5001),
      logoId: "x",
      primaryColor: "red",
      accentColor: "#12",
      links: [
        { label: "", url: "ftp://x" },
        ...Array.from({ length: 6 }, () => ({ label: "l", url: "https://x.org" })),
      ],
      customDomain: long(254),
    },
  ],
  ["storefront reserved slug", storefrontInputSchema, { slug: "admin" }],
  ["translation", translationInputSchema, { title: "", body: long(100_001), captionsId: "?" }],
  [
    "access codes",
    createCodesSchema,
    { courseId: "c1", count: Number(""), maxUses: 0, expiresAt: new Date(Date.now() - 86_400_000).toISOString() },
  ],
  ["access codes: too many, bad date", createCodesSchema, { courseId: "c1", count: 1001, expiresAt: "tomorrow" }],
];

/** The field values of `new ApiError(…, { field: value })` and of publishProblems in a source file. */
function thrownFieldValues(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/new ApiError\([^;]*?\{([^{}]*)\}\s*,?\s*\)/gs))
    for (const v of m[1]!.matchAll(/:\s*("[^"]*"|`[^`]*`|[a-z][\w.]*)\s*(?:,|$)/g)) out.push(v[1]!);
  for (const v of source.matchAll(/problems\.\w+ = ("[^"]*")/g)) out.push(v[1]!);
  return out;
}

describe("studio field errors are codes with a translation", () => {
  it.each(CASES)("%s", (_name, schema, input) => {
    const res = schema.safeParse(input);
    expect(res.success).toBe(false);
    const fields = zodFields(res.error as Parameters<typeof zodFields>[0]);
    for (const [field, code] of Object.entries(fields)) expect(CODES, `${field}: ${code}`).toContain(code);
  });

  it("every field error a studio service throws is such a code", async () => {
    const root = path.resolve(import.meta.dirname, "..");
    const files = [
      "studio/access.ts",
      "studio/curriculum.ts",
      "studio/courses.ts",
      "studio/content.ts",
      "studio/listings.ts",
      "studio/positions.ts",
      "studio/publish.ts",
      "studio/prices.ts",
      "storefronts/service.ts",
      "translations/service.ts",
      "media/cover.ts",
      "media/usage.ts",
      "media/uploads.ts",
    ];
    let seen = 0;
    for (const file of files) {
      const source = await readFile(path.join(root, file), "utf8");
      for (const value of thrownFieldValues(source)) {
        seen++;
        // a variable (e.g. `checked.problem`, `field`) is checked where it is made; literals must be codes
        if (!value.startsWith('"')) continue;
        expect(CODES, `${file}: ${value}`).toContain(JSON.parse(value) as string);
      }
      const usage = source.match(/fields\[u\.field\] \?\?= ("[^"]*"|`[^`]*`)/g) ?? [];
      for (const u of usage) {
        seen++;
        const value = u.slice(u.indexOf("=") + 2);
        expect(value.startsWith('"') && CODES.has(JSON.parse(value) as string), `${file}: ${value}`).toBe(true);
      }
    }
    expect(seen).toBeGreaterThan(10);
  });

  it("the German studio has its own text for every code", () => {
    const german = de.fieldErrors as Record<string, string>;
    for (const code of CODES) {
      expect(german[code], code).toBeTruthy();
      if (!["invalid_colour", "invalid_url"].includes(code))
        expect(german[code], code).not.toBe((en.fieldErrors as Record<string, string>)[code]);
    }
  });
});

const ACCOUNT_CODES = new Set(Object.keys(authEn.fieldErrors));

/** Bad inputs the account forms can send. */
const ACCOUNT_CASES: [string, { safeParse(v: unknown): { success: boolean; error?: unknown } }, unknown][] = [
  ["sign-up: empty", signUpSchema, { name: "", email: "", password: "" }],
  ["sign-up: bad e-mail, short password", signUpSchema, { name: long(81), email: "a@", password: "short" }],
  ["profile", profileSchema, { name: " " }],
  ["change password: same", changePasswordSchema, { currentPassword: "x".repeat(12), newPassword: "x".repeat(12) }],
  ["payout: not an address", becomeProviderSchema, { payoutAddress: "0x12" }],
  ["payout: zero address", becomeProviderSchema, { payoutAddress: `0x${"0".repeat(40)}` }],
];

describe("account field errors are codes with a translation", () => {
  it.each(ACCOUNT_CASES)("%s", (_name, schema, input) => {
    const res = schema.safeParse(input);
    expect(res.success).toBe(false);
    const fields = zodFields(res.error as Parameters<typeof zodFields>[0]);
    for (const [field, code] of Object.entries(fields)) expect(ACCOUNT_CODES, `${field}: ${code}`).toContain(code);
  });

  it("every field error an account service throws (avatar upload included) is such a code", async () => {
    const root = path.resolve(import.meta.dirname, "..");
    // auth/account.ts's role change answers the admin page, which says its refusals by status
    const files = [
      "auth/avatar.ts",
      "auth/credentials.ts",
      "auth/wallets.ts",
      "auth/password-change.ts",
      "auth/account-mail.ts",
    ];
    const literals: string[] = [];
    for (const file of files) {
      for (const value of thrownFieldValues(await readFile(path.join(root, file), "utf8"))) {
        expect(value.startsWith('"'), `${file}: ${value} (write the code itself)`).toBe(true);
        literals.push(value);
        expect(ACCOUNT_CODES, `${file}: ${value}`).toContain(JSON.parse(value) as string);
      }
    }
    expect(literals).toEqual(expect.arrayContaining(['"image_too_large"', '"image_type"', '"image_unreadable"']));
  });

  it("the German account page has its own text for every code", () => {
    const german = authDe.fieldErrors as Record<string, string>;
    const english = authEn.fieldErrors as Record<string, string>;
    for (const code of ACCOUNT_CODES) {
      expect(german[code], code).toBeTruthy();
      expect(german[code], code).not.toBe(english[code]);
    }
  });
});
