import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFsStorage } from "@/server/storage/fs.ts";
import { createTestDatabase, type TestDatabase } from "../../../../test/db.ts";
import { seed } from "../../../../scripts/seed.ts";
import { unverifiedEmail } from "@/features/auth/account-mail.ts";
import { isReservedAddress } from "./demo-seed.ts";

let t: TestDatabase;
let storageDir: string;

const countFiles = async (dir: string) =>
  (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;

beforeAll(async () => {
  t = await createTestDatabase();
  storageDir = await mkdtemp(path.join(tmpdir(), "smolitux-seed-"));
});
afterAll(async () => {
  await t.drop();
  await rm(storageDir, { recursive: true, force: true });
});

describe("seed", () => {
  it("creates password-less demo accounts and both courses, published with their prices", async () => {
    const summary = await seed(t.db, createFsStorage(storageDir));
    expect(summary.courses.map((c) => [c.slug, c.status])).toEqual([
      ["git-novice", "created"],
      ["solidity-by-example", "created"],
    ]);
    expect(summary.line).toMatch(/^seed: git-novice created .* solidity-by-example created .* in \d+ ms$/);

    const users = await t.db.user.findMany({ orderBy: { email: "asc" } });
    expect(users.map((u) => [u.email, u.roles])).toEqual([
      ["carpentries.demo@example.org", ["PROVIDER"]],
      ["platform-admin@example.org", ["PLATFORM_ADMIN"]],
      ["solidity-by-example.demo@example.org", ["PROVIDER"]],
    ]);
    expect(users.every((u) => u.passwordHash === null)).toBe(true);
    // demo providers' reserved addresses count as confirmed (no banner that cannot be acted on); the admin
    // placeholder's stays unconfirmed (no OpenID Connect linking to it)
    expect(users.map((u) => [u.email, u.emailVerified !== null])).toEqual([
      ["carpentries.demo@example.org", true],
      ["platform-admin@example.org", false],
      ["solidity-by-example.demo@example.org", true],
    ]);
    for (const u of users.filter((u) => u.roles.includes("PROVIDER")))
      expect(await unverifiedEmail(t.db, u.id)).toBeNull();

    const git = await t.db.course.findUniqueOrThrow({
      where: { slug: "git-novice" },
      include: { prices: true, provider: true },
    });
    expect(git).toMatchObject({ status: "PUBLISHED", featured: true, isFree: false });
    expect(git.provider.name).toBe("The Carpentries (demo import)");
    expect(Object.fromEntries(git.prices.map((p) => [p.currency, p.amount.toFixed(0)]))).toEqual({
      EUR: "1999",
      USD: "2199",
      ESN: "25000000000000000000",
      POL: "10000000000000000000",
    });
    const sol = await t.db.course.findUniqueOrThrow({
      where: { slug: "solidity-by-example" },
      include: { prices: true, sections: { include: { lessons: true } } },
    });
    expect(sol).toMatchObject({ status: "PUBLISHED", featured: false, isFree: true, prices: [] });
    expect(sol.sections.flatMap((s) => s.lessons).filter((l) => l.kind === "TEXT")).toHaveLength(24);
  });

  it("is idempotent: a second run changes nothing", async () => {
    const before = {
      users: await t.db.user.findMany({ orderBy: { email: "asc" } }),
      lessons: await t.db.lesson.count(),
      assets: await t.db.mediaAsset.count(),
      files: await countFiles(storageDir),
    };
    const summary = await seed(t.db, createFsStorage(storageDir));
    expect(summary.courses.map((c) => c.status)).toEqual(["unchanged", "unchanged"]);
    expect({
      users: await t.db.user.findMany({ orderBy: { email: "asc" } }),
      lessons: await t.db.lesson.count(),
      assets: await t.db.mediaAsset.count(),
      files: await countFiles(storageDir),
    }).toEqual(before);
  });

  it("confirms the demo providers of a database seeded before, keeping names and the placeholder as they are", async () => {
    const provider = "carpentries.demo@example.org";
    await t.db.user.update({ where: { email: provider }, data: { emailVerified: null, name: "Renamed by hand" } });
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: "platform-admin@example.org" } });
    expect(await unverifiedEmail(t.db, admin.id)).toBe("platform-admin@example.org");

    await seed(t.db, createFsStorage(storageDir));
    const after = await t.db.user.findUniqueOrThrow({ where: { email: provider } });
    expect(after.emailVerified).not.toBeNull();
    expect(after.name).toBe("Renamed by hand");
    expect(await t.db.user.findUniqueOrThrow({ where: { id: admin.id } })).toEqual(admin);
  });
});

describe("isReservedAddress", () => {
  it.each([
    ["carpentries.demo@example.org", true],
    ["a@Sub.Example.COM", true],
    ["a@example.net", true],
    ["a@school.test", true],
    ["a@x.invalid", true],
    ["a@host.localhost", true],
    ["a@shop.example", true],
    ["a@example.org.evil.com", false],
    ["a@notexample.org", false],
    ["a@gmail.com", false],
    ["a@test.de", false],
  ])("%s → %s", (email, reserved) => expect(isReservedAddress(email)).toBe(reserved));
});
