/** Access codes against a real PostgreSQL database: creation, listing, redemption, concurrency, rate limit. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@smolitux/db";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { apiRequest, sessionCookie, TEST_APP_URL, TEST_AUTH_SECRET } from "../../../test/authz/session.ts";
import { hasAccess } from "../enrollment/service.ts";
import { REDEEM_LIMIT } from "./rate-limit.ts";
import { createCodes, listCodes, redeemCode, revokeCode } from "./service.ts";

let t: TestDatabase;
let db: PrismaClient;
let provider: { id: string; roles: ("LEARNER" | "PROVIDER")[] };
let courseId: string;
let n = 0;

const learner = async () =>
  (await db.user.create({ data: { email: `l${++n}@codes.test`, roles: ["LEARNER"] }, select: { id: true } })).id;
const ip = () => `10.0.${Math.floor(n / 250)}.${n % 250}`;

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  Object.assign(process.env, { DATABASE_URL: t.url, NEXTAUTH_SECRET: TEST_AUTH_SECRET, APP_URL: TEST_APP_URL });
  const p = await db.user.create({
    data: { email: "prov@codes.test", roles: ["LEARNER", "PROVIDER"] },
    select: { id: true },
  });
  provider = { id: p.id, roles: ["LEARNER", "PROVIDER"] };
  courseId = (
    await db.course.create({ data: { slug: "codes-course", title: "Codes", providerId: p.id, status: "PUBLISHED" } })
  ).id;
});

afterAll(async () => {
  const { db: appDb } = await import("@/server/db.ts");
  await appDb().$disconnect();
  await t.drop();
});

describe("access codes", () => {
  it("creates codes shown once, stores only hashes, lists uses and state", async () => {
    const codes = await createCodes(db, provider, { courseId, count: 3, maxUses: 2 });
    expect(codes).toHaveLength(3);
    const stored = await db.accessCode.findMany({ where: { id: { in: codes.map((c) => c.id) } } });
    for (const row of stored) expect(row.code).toMatch(/^sha256:/);
    expect(stored.some((r) => codes.some((c) => r.code.includes(c.code)))).toBe(false);
    const list = await listCodes(db, provider, courseId);
    expect(
      list.filter((c) => codes.some((x) => x.id === c.id)).every((c) => c.state === "active" && c.uses === 0),
    ).toBe(true);
  });

  it("refuses other providers and learners", async () => {
    const other = await db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] }, select: { id: true } });
    await expect(
      createCodes(db, { id: other.id, roles: ["LEARNER", "PROVIDER"] }, { courseId, count: 1, maxUses: 1 }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    const school = { id: other.id, roles: ["LEARNER", "SCHOOL_ADMIN"] as const };
    await expect(
      createCodes(db, { ...school, roles: [...school.roles] }, { courseId, count: 1, maxUses: 1 }),
    ).resolves.toHaveLength(1);
  });

  it("redeems: enrolls with source CODE, idempotent per user, accepts sloppy input", async () => {
    const [c] = await createCodes(db, provider, { courseId, count: 1, maxUses: 5 });
    const user = await learner();
    const r = await redeemCode(db, { userId: user, ip: ip(), code: c!.code.toLowerCase().replace(/-/g, " ") });
    expect(r).toMatchObject({ course: { id: courseId }, newlyRedeemed: true });
    expect(await hasAccess(db, user, courseId)).toBe(true);
    expect(await db.enrollment.findFirst({ where: { userId: user } })).toMatchObject({
      source: "CODE",
      sourceRef: `code:${c!.id}`,
    });
    expect(await redeemCode(db, { userId: user, ip: ip(), code: c!.code })).toMatchObject({ newlyRedeemed: false });
    expect((await db.accessCode.findUniqueOrThrow({ where: { id: c!.id } })).uses).toBe(1);
  });

  it("rejects expired, revoked and unknown codes", async () => {
    const [c] = await createCodes(db, provider, {
      courseId,
      count: 1,
      maxUses: 5,
      expiresAt: new Date(Date.now() + 60_000),
    });
    const user = await learner();
    await expect(
      redeemCode(db, { userId: user, ip: ip(), code: c!.code, now: new Date(Date.now() + 120_000) }),
    ).rejects.toMatchObject({
      code: "conflict",
      fields: { code: "expired" },
    });
    await revokeCode(db, provider, c!.id);
    await expect(redeemCode(db, { userId: user, ip: ip(), code: c!.code })).rejects.toMatchObject({
      fields: { code: "expired" },
    });
    await expect(redeemCode(db, { userId: user, ip: ip(), code: "AAAA-BBBB-CCCC" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(redeemCode(db, { userId: user, ip: ip(), code: "nonsense" })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await hasAccess(db, user, courseId)).toBe(false);
  });

  it("20 parallel redemptions of a 5-use code: exactly 5 succeed", async () => {
    const [c] = await createCodes(db, provider, { courseId, count: 1, maxUses: 5 });
    const users = await Promise.all(Array.from({ length: 20 }, learner));
    const results = await Promise.allSettled(
      users.map((u, i) => redeemCode(db, { userId: u, ip: `10.9.0.${i}`, code: c!.code })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected.every((r) => (r.reason as { fields?: { code?: string } }).fields?.code === "exhausted")).toBe(true);
    expect((await db.accessCode.findUniqueOrThrow({ where: { id: c!.id } })).uses).toBe(5);
    expect(await db.enrollment.count({ where: { userId: { in: users }, status: "ACTIVE" } })).toBe(5);
  });

  it("rate-limits failed attempts per user with 429 and Retry-After", async () => {
    const { POST } = await import("@/app/api/access-codes/redeem/route.ts");
    const user = await learner();
    const cookie = await sessionCookie({ id: user });
    const call = (code: string) =>
      POST(
        apiRequest("POST", "/api/access-codes/redeem", {
          cookie,
          body: { code },
          headers: { "x-forwarded-for": "192.0.2.7" },
        }),
      );
    for (let i = 0; i < REDEEM_LIMIT.perUser; i++) expect((await call("ZZZZ-ZZZZ-ZZZZ")).status).toBe(404);
    const limited = await call("ZZZZ-ZZZZ-ZZZZ");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited" } });
    // Even a valid code is refused while throttled.
    const [c] = await createCodes(db, provider, { courseId, count: 1, maxUses: 1 });
    expect((await call(c!.code)).status).toBe(429);
    // Another user behind the same IP is not throttled yet (IP limit is higher).
    const other = await sessionCookie({ id: await learner() });
    const res = await POST(
      apiRequest("POST", "/api/access-codes/redeem", {
        cookie: other,
        body: { code: c!.code },
        headers: { "x-forwarded-for": "192.0.2.7" },
      }),
    );
    expect(res.status).toBe(200);
  });
});
