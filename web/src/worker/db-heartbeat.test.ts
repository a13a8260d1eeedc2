/** Integration (real PostgreSQL): the worker's heartbeat row that GET /api/health reads. */
import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { startDbHeartbeat } from "./heartbeat.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await t?.drop();
});

describe("worker heartbeat in the database", () => {
  it("writes its row at once and moves beatAt forward every interval; removes rows older than a day", async () => {
    await t.db.workerHeartbeat.create({
      data: { id: "gone:1", beatAt: new Date(Date.now() - 2 * 86_400_000), loops: [] },
    });
    const hb = startDbHeartbeat(
      t.db,
      ["certificates", "uploads:sweep"],
      (err) => {
        throw err;
      },
      100,
    );
    const id = `${hostname()}:${process.pid}`;
    await expect
      .poll(async () => (await t.db.workerHeartbeat.findUnique({ where: { id } }))?.loops)
      .toEqual(["certificates", "uploads:sweep"]);
    const first = (await t.db.workerHeartbeat.findUniqueOrThrow({ where: { id } })).beatAt;
    await expect
      .poll(async () => (await t.db.workerHeartbeat.findUniqueOrThrow({ where: { id } })).beatAt.getTime())
      .toBeGreaterThan(first.getTime());
    hb.stop();
    expect(await t.db.workerHeartbeat.findUnique({ where: { id: "gone:1" } })).toBeNull();
  });
});
