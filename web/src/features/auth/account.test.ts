import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAddress } from "viem";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { auditTrail } from "@/features/admin/audit.ts";
import { becomeProvider, changeRoles, getAccountOverview, setPayoutAddress } from "./account.ts";
import { becomeProviderSchema, roleChangeSchema } from "./schemas.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const PAYOUT = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";

describe("becoming a provider", () => {
  it("adds PROVIDER once, keeps LEARNER, stores a checksummed payout address, audits", async () => {
    const user = await t.db.user.create({ data: { name: "P" } });
    const { payoutAddress } = becomeProviderSchema.parse({ payoutAddress: PAYOUT });
    expect(payoutAddress).toBe(getAddress(PAYOUT));
    expect(await becomeProvider(t.db, user.id, payoutAddress)).toEqual(["LEARNER", "PROVIDER"]);
    expect(await becomeProvider(t.db, user.id, payoutAddress)).toEqual(["LEARNER", "PROVIDER"]);
    const overview = await getAccountOverview(t.db, user.id);
    expect(overview).toMatchObject({
      roles: ["LEARNER", "PROVIDER"],
      payoutAddress: getAddress(PAYOUT),
      hasPassword: false,
    });
    const trail = await auditTrail(t.db, "User", user.id);
    expect(trail.map((a) => a.action).sort()).toEqual(["user.payout_address_changed", "user.roles_changed"]);
    expect(becomeProviderSchema.safeParse({ payoutAddress: "0x1234" }).error?.issues[0]?.message).toBe(
      "invalid_address",
    );
  });

  it("only providers can change the payout address", async () => {
    const learner = await t.db.user.create({ data: {} });
    await expect(setPayoutAddress(t.db, learner.id, getAddress(PAYOUT))).rejects.toMatchObject({ status: 403 });
  });
});

describe("admin role changes", () => {
  it("grants and revokes roles, never LEARNER, never the admin's own admin role; audited with actor", async () => {
    const admin = await t.db.user.create({ data: { roles: ["LEARNER", "PLATFORM_ADMIN"] } });
    const target = await t.db.user.create({ data: {} });
    const grant = roleChangeSchema.parse({ add: ["SCHOOL_ADMIN", "PROVIDER"] });
    expect(await changeRoles(t.db, admin.id, target.id, grant)).toEqual(["LEARNER", "PROVIDER", "SCHOOL_ADMIN"]);
    expect(await changeRoles(t.db, admin.id, target.id, roleChangeSchema.parse({ remove: ["PROVIDER"] }))).toEqual([
      "LEARNER",
      "SCHOOL_ADMIN",
    ]);
    expect(roleChangeSchema.safeParse({ remove: ["LEARNER"] }).success).toBe(false);
    expect(roleChangeSchema.safeParse({}).success).toBe(false);
    await expect(
      changeRoles(t.db, admin.id, admin.id, roleChangeSchema.parse({ remove: ["PLATFORM_ADMIN"] })),
    ).rejects.toMatchObject({ status: 409 });
    await expect(changeRoles(t.db, admin.id, "nope", grant)).rejects.toMatchObject({ status: 404 });
    const trail = await auditTrail(t.db, "User", target.id);
    expect(trail).toHaveLength(2);
    expect(trail.every((a) => a.actorId === admin.id && a.action === "user.roles_changed")).toBe(true);
  });
});
