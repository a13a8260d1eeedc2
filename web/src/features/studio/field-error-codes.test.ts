/**
 * Issue 14 item 8: "errors next to the field in the UI's language". The studio shows a server field error by looking
 * its code up in `studio.fieldErrors` (form-state.tsx; the catalog completeness test makes every locale have the same
 * keys). This test fails when a studio form's schema or a studio service answers a field with something that is not
 * such a code — an English sentence would otherwise reach the German studio. The account page (/account: profile,
 * password, payout address, wallets, the avatar upload) does the same with `auth.fieldErrors`: its part below. So do
 * the school pages and /setup (`problemText` in app/school/_components/api.ts: `school.errors` by API error code,
 * `school.fields` for field names, `school.fieldErrors` for field codes): the last part.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../../messages/en/studio.json";
import de from "../../../messages/de/studio.json";
import authEn from "../../../messages/en/auth.json";
import authDe from "../../../messages/de/auth.json";
import schoolEn from "../../../messages/en/school.json";
import schoolDe from "../../../messages/de/school.json";
import { createTranslator } from "next-intl";
import { problemText, type ApiAnswer } from "@/app/school/_components/api.ts";
import type { CodeTranslator } from "@/i18n/code-text.ts";
import { MESSAGES } from "@/i18n/messages.ts";
import { LOCALES } from "@/i18n/config.ts";
import { brandingSchema } from "@/features/school/branding.ts";
import { parsePupilCsv } from "@/features/school/pupils.ts";
import {
  accountActiveSchema,
  assignCourseSchema,
  bulkPupilsSchema,
  createClassSchema,
  createTeacherSchema,
  movePupilSchema,
  setupSchema,
} from "@/features/school/schemas.ts";
import { publisherSchema } from "@/features/packs/publishers.ts";
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

const SCHOOL_CODES = new Set(Object.keys(schoolEn.fieldErrors));
const SCHOOL_FIELDS = new Set(Object.keys(schoolEn.fields));

/** Bad inputs the school forms (and /setup) can send. */
const SCHOOL_CASES: [string, { safeParse(v: unknown): { success: boolean; error?: unknown } }, unknown][] = [
  ["new class: empty", createClassSchema, { name: " " }],
  ["new class: not text, too long", createClassSchema, { name: null }],
  ["new class: too long", createClassSchema, { name: long(81) }],
  ["teacher: empty", createTeacherSchema, { name: null, username: null, password: null }],
  [
    "teacher: bad username, short password",
    createTeacherSchema,
    { name: long(81), username: "A b", password: "short" },
  ],
  ["setup", setupSchema, { schoolName: "", name: "", username: "ab", password: "x" }],
  ["setup: too long", setupSchema, { schoolName: long(121), name: "n", username: long(41), password: long(201) }],
  ["pupils: empty list", bulkPupilsSchema, { csv: "" }],
  ["pupils: huge list", bulkPupilsSchema, { csv: long(200_001) }],
  ["pupils: no list at all", bulkPupilsSchema, {}],
  ["pupils as rows", bulkPupilsSchema, { pupils: [{ name: "", username: "A" }] }],
  ["assign course: none", assignCourseSchema, { courseSlug: null }],
  ["assign course: long", assignCourseSchema, { courseSlug: long(201) }],
  ["move pupil", movePupilSchema, {}],
  ["move pupil: long id", movePupilSchema, { toClassId: long(65) }],
  ["deactivate", accountActiveSchema, { active: "no" }],
  ["branding", brandingSchema, { name: "", primaryColor: null, accentColor: "red" }],
  ["branding: long name", brandingSchema, { name: long(121), primaryColor: "#000000", accentColor: "#12345" }],
  ["trusted publisher: empty", publisherSchema, { did: null, name: null }],
  ["trusted publisher: bad key", publisherSchema, { did: "did:key:nope", name: long(201) }],
];

/** The field errors of the ApiError parsePupilCsv throws for `text` (fails when it accepts the text). */
function csvFields(text: string): Record<string, string> {
  try {
    parsePupilCsv(text);
  } catch (err) {
    return (err as { fields?: Record<string, string> }).fields ?? { _: "(no fields)" };
  }
  throw new Error("parsePupilCsv accepted the text");
}

/** The German school messages, as `useTranslations("school")` gives them to the forms. */
const schoolDeT = createTranslator({
  locale: "de",
  messages: MESSAGES.de,
  namespace: "school",
}) as unknown as CodeTranslator;

describe("school field errors are codes with a translation", () => {
  it.each(SCHOOL_CASES)("%s", (_name, schema, input) => {
    const res = schema.safeParse(input);
    expect(res.success).toBe(false);
    const fields = zodFields(res.error as Parameters<typeof zodFields>[0]);
    for (const [field, code] of Object.entries(fields)) {
      expect(SCHOOL_CODES, `${field}: ${code}`).toContain(code);
      // a field the form names (nested rows are never sent by the forms; "_" is the request as a whole)
      if (!field.includes(".") && field !== "_") expect(SCHOOL_FIELDS, field).toContain(field);
    }
  });

  it.each([
    ["bad lines", "name,username\nMia,mia.s\n,leo\nLeo,L e o\nAnna,an"],
    ["not UTF-8", "Jos\uFFFD,jose"],
    ["no rows", "name,username\n"],
    ["too many rows", Array.from({ length: 201 }, (_, i) => `P ${i},p${i}`).join("\n")],
    ["not CSV", 'a,"b\nc'],
  ])("pupil CSV: %s", (_name, text) => {
    const fields = csvFields(text);
    expect(Object.keys(fields).length).toBeGreaterThan(0);
    for (const [field, code] of Object.entries(fields)) {
      expect(SCHOOL_CODES, `${field}: ${code}`).toContain(code);
      expect(field === "csv" || /^line \d+$/.test(field), field).toBe(true);
    }
  });

  it("every field error a school service throws is such a code, on a field the forms name", async () => {
    const root = path.resolve(import.meta.dirname, "..");
    const files = [
      "school/accounts.ts",
      "school/classes.ts",
      "school/membership.ts",
      "school/pupils.ts",
      "school/setup.ts",
      "school/branding.ts",
      "packs/publishers.ts",
    ];
    const literals: string[] = [];
    for (const file of files) {
      const source = await readFile(path.join(root, file), "utf8");
      for (const value of thrownFieldValues(source)) {
        expect(value.startsWith('"'), `${file}: ${value} (write the code itself)`).toBe(true);
        literals.push(JSON.parse(value) as string);
      }
      // fields keyed by a name the request carried (`dupes[r.username] = "duplicate"`, taken usernames)
      for (const m of source.matchAll(/\[[\w.? ]+\] = ("[^"]*")|\[[\w.? ]+\?\? "", ("[^"]*")\]/g))
        literals.push(JSON.parse(m[1] ?? m[2]!) as string);
      for (const m of source.matchAll(/new ApiError\([^;]*?\{([^{}]*)\}\s*,?\s*\)/gs))
        for (const key of m[1]!.matchAll(/(\w+):/g)) expect(SCHOOL_FIELDS, `${file}: ${key[1]}`).toContain(key[1]);
    }
    for (const code of literals) expect(SCHOOL_CODES, code).toContain(code);
    expect(literals).toEqual(
      expect.arrayContaining(["taken", "duplicate", "unknown", "same_class", "invalid_encoding", "unreadable"]),
    );
  });

  it("has a school message for every API error code", async () => {
    const source = await readFile(path.resolve(import.meta.dirname, "../../server/http-error.ts"), "utf8");
    const union = source.slice(source.indexOf("export type ApiErrorCode"), source.indexOf(";"));
    const codes = [...union.matchAll(/"(\w+)"/g)].map((m) => m[1]!);
    expect(codes).toContain("validation_failed");
    for (const code of [...codes, "network"]) expect(Object.keys(schoolEn.errors), code).toContain(code);
  });

  it("the German school pages have their own text for every code and field", () => {
    const german = { ...schoolDe.fieldErrors, ...schoolDe.fields } as Record<string, string>;
    const english = { ...schoolEn.fieldErrors, ...schoolEn.fields } as Record<string, string>;
    for (const code of [...SCHOOL_CODES, ...SCHOOL_FIELDS]) {
      expect(german[code], code).toBeTruthy();
      if (code !== "name") expect(german[code], code).not.toBe(english[code]);
    }
  });

  it("says a failed school request in the UI's language, never with the server's English or raw field names", () => {
    const answer = (status: number, code: string, message: string, fields?: Record<string, string>) =>
      ({ ok: false, status, data: null, error: { code, message, fields } }) satisfies ApiAnswer<unknown>;
    const cases: [ApiAnswer<unknown>, string][] = [
      [
        answer(400, "validation_failed", "Some lines of the CSV file are invalid.", {
          "line 3": "invalid_username",
          "line 4": "required",
        }),
        "Bitte prüfen: Zeile 3: Verwende 3–40 Kleinbuchstaben, Ziffern, Punkte, Bindestriche oder Unterstriche. " +
          "Zeile 4: Pflichtfeld.",
      ],
      [
        answer(400, "validation_failed", "The request is invalid.", { toClassId: "same_class", csv: "Too big" }),
        "Bitte prüfen: Klasse: Die Person ist schon in dieser Klasse. Schülerliste: Ungültiger Wert.",
      ],
      [
        answer(409, "conflict", "These usernames are taken: mia.s, leo.m.", { "mia.s": "taken", "leo.m": "taken" }),
        "Schon vergeben: mia.s, leo.m",
      ],
      [
        answer(400, "validation_failed", "A username appears twice.", { "mia.s": "duplicate" }),
        "Bitte prüfen: mia.s: Kommt doppelt vor.",
      ],
      [answer(409, "conflict", "This username is taken.", { username: "taken" }), "Schon vergeben: Benutzername"],
      [
        answer(404, "not_found", "No published course with this address.", { courseSlug: "unknown" }),
        "Bitte prüfen: Kurs: Kein veröffentlichter Kurs unter dieser Adresse.",
      ],
      [
        answer(403, "forbidden", "Only a school admin can deactivate a staff account."),
        "Dazu bist du nicht berechtigt.",
      ],
      [answer(404, "not_found", "Pupil not found."), "Nicht gefunden. Lade die Seite neu."],
      [answer(418, "teapot", "I am a teapot."), "Das hat nicht geklappt. Bitte versuche es noch einmal."],
      [{ ok: false, status: 502, data: null, error: null }, "Das hat nicht geklappt. Bitte versuche es noch einmal."],
      [
        { ok: false, status: 0, data: null, error: null },
        "Keine Verbindung zum Server. Prüfe deine Verbindung und versuche es noch einmal.",
      ],
    ];
    const t = schoolDeT;
    for (const [a, want] of cases) {
      const text = problemText(a, t);
      expect(text).toBe(want);
      if (a.error) expect(text).not.toContain(a.error.message);
    }
    // a form's own wording wins: its labels and its sentence for a code
    const setUp = answer(409, "conflict", "This school is already set up; sign in instead.");
    expect(problemText(setUp, t, { codes: { conflict: t("setup.alreadySetUp") } })).toBe(
      "Diese Schule ist schon eingerichtet. Melde dich stattdessen an.",
    );
    expect(problemText(answer(409, "conflict", "x", { name: "taken" }), t, { labels: { name: "Klassenname" } })).toBe(
      "Schon vergeben: Klassenname",
    );
  });

  it("every locale has the school's error sentences, field names and field codes", () => {
    for (const locale of LOCALES) {
      const school = MESSAGES[locale].school as typeof schoolEn;
      expect(Object.keys(school.fieldErrors).sort(), locale).toEqual([...SCHOOL_CODES].sort());
      expect(Object.keys(school.fields).sort(), locale).toEqual([...SCHOOL_FIELDS].sort());
    }
  });
});
