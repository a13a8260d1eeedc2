import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./db.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("integration database", () => {
  it("is migrated and stores money as exact numeric(78,0)", async () => {
    const user = await t.db.user.create({ data: { email: "p@example.org", roles: ["PROVIDER"] } });
    const course = await t.db.course.create({
      data: {
        slug: "exact-money",
        title: "Exact money",
        providerId: user.id,
        prices: { create: [{ currency: "ESN", amount: "123456789012345678901234567890" }] },
      },
      include: { prices: true },
    });
    expect(course.prices[0]?.amount.toFixed(0)).toBe("123456789012345678901234567890");
  });

  it("enforces one enrollment per learner and course", async () => {
    const provider = await t.db.user.create({ data: { email: "p2@example.org" } });
    const learner = await t.db.user.create({ data: { email: "l@example.org" } });
    const course = await t.db.course.create({ data: { slug: "one-enrollment", title: "x", providerId: provider.id } });
    await t.db.enrollment.create({ data: { userId: learner.id, courseId: course.id, source: "FREE" } });
    await expect(
      t.db.enrollment.create({ data: { userId: learner.id, courseId: course.id, source: "CODE" } }),
    ).rejects.toThrow();
  });
});
