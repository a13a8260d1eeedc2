/** Integration: the dashboard's reason for a revoked wallet enrollment on the local test chain. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { dashboardCourses } from "./dashboard.ts";
import { createCourse, createLearner } from "./testing/fixtures.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

async function revokedWalletEnrollment(purchaseId: string, purchaseStatus?: string) {
  const c = await createCourse(t.db);
  const learner = await createLearner(t.db, c.courseId);
  await t.db.enrollment.update({
    where: { userId_courseId: { userId: learner.id, courseId: c.courseId } },
    data: { source: "CRYPTO", sourceRef: `purchase:31337:${purchaseId}`, status: "REVOKED", revokedAt: new Date() },
  });
  if (purchaseStatus) {
    await t.db.purchase.create({
      data: {
        chainId: 31337,
        purchaseId,
        courseChainId: `0x${"ab".repeat(32)}`,
        learner: "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
        amount: 1,
        status: purchaseStatus,
        txHash: `0x${purchaseId}`,
      },
    });
  }
  const [item] = await dashboardCourses(t.db, learner.id);
  return item!;
}

describe("dashboard: revoked wallet purchases on the local chain", () => {
  it("says the chain was reset when the purchase is gone from the index (not refunded)", async () => {
    const item = await revokedWalletEnrollment("9001");
    expect(item.status).toBe("REVOKED");
    expect(item.lostWithChainReset).toBe(true);
  });

  it("says refunded when the purchase was refunded on chain", async () => {
    expect((await revokedWalletEnrollment("9002", "REFUNDED")).lostWithChainReset).toBe(false);
  });

  it("says the chain was reset when the id now belongs to another purchase of the new chain", async () => {
    expect((await revokedWalletEnrollment("9003", "ESCROWED")).lostWithChainReset).toBe(true);
  });
});
