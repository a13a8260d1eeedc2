/** Enrollment service against a real PostgreSQL database (no chain: Purchase rows stand in for indexed sales). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import type { PrismaClient } from "@smolitux/db";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { linkWallet, unlinkWallet } from "@/features/auth/wallets.ts";
import { learnerAddressForUser, placeholderAddress } from "./learner-address.ts";
import { enrollFree, enrollmentStatusBySlug, listMyEnrollments } from "./queries.ts";
import {
  grantEnrollment,
  hasAccess,
  recomputeEnrollment,
  reconcileUserEnrollments,
  revokeAssignment,
} from "./service.ts";

let t: TestDatabase;
let db: PrismaClient;
let paid: { id: string; onchainCourseId: string };
let free: string;
let providerId: string;
let n = 0;
const user = async () => (await db.user.create({ data: { email: `e${++n}@enr.test` }, select: { id: true } })).id;
const purchase = (learner: string, status: string, purchaseId: number) =>
  db.purchase.create({
    data: {
      chainId: 31337,
      purchaseId,
      courseChainId: paid.onchainCourseId,
      learner,
      amount: 1,
      status,
      card: status.startsWith("CARD"),
      txHash: `0x${purchaseId}`,
    },
  });

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  providerId = (await db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] } })).id;
  const c = await db.course.create({ data: { slug: "paid", title: "Paid", providerId, status: "PUBLISHED" } });
  paid = { id: c.id, onchainCourseId: courseIdToBytes32(c.id) };
  await db.course.update({ where: { id: c.id }, data: { onchainCourseId: paid.onchainCourseId } });
  free = (
    await db.course.create({ data: { slug: "free", title: "Free", providerId, status: "PUBLISHED", isFree: true } })
  ).id;
});

afterAll(() => t.drop());

describe("enrollment service", () => {
  it("derives access from purchases of any of the user's addresses", async () => {
    const u = await user();
    expect(await recomputeEnrollment(db, u, paid.id)).toBeNull();
    await purchase(learnerAddressForUser(u), "CARD", 1);
    expect(await recomputeEnrollment(db, u, paid.id)).toMatchObject({
      status: "ACTIVE",
      source: "CARD",
      sourceRef: "purchase:31337:1",
    });
    await db.purchase.update({
      where: { chainId_purchaseId: { chainId: 31337, purchaseId: 1 } },
      data: { status: "CARD_REVOKED" },
    });
    expect(await recomputeEnrollment(db, u, paid.id)).toMatchObject({ status: "REVOKED" });
    expect(await hasAccess(db, u, paid.id)).toBe(false);
  });

  it("keeps ADMIN/FREE grants through refunds until explicitly revoked", async () => {
    const u = await user();
    await purchase(learnerAddressForUser(u), "ESCROWED", 2);
    await recomputeEnrollment(db, u, paid.id);
    await grantEnrollment(db, { userId: u, courseId: paid.id, source: "ADMIN", sourceRef: providerId });
    await db.purchase.update({
      where: { chainId_purchaseId: { chainId: 31337, purchaseId: 2 } },
      data: { status: "REFUNDED" },
    });
    expect(await recomputeEnrollment(db, u, paid.id)).toMatchObject({ status: "ACTIVE", source: "ADMIN" });
    expect(await revokeAssignment(db, u, paid.id)).toMatchObject({ status: "REVOKED" });
    await grantEnrollment(db, { userId: u, courseId: paid.id, source: "ADMIN" });
    await purchase(learnerAddressForUser(u), "RELEASED", 3);
    expect(await revokeAssignment(db, u, paid.id)).toMatchObject({
      status: "ACTIVE",
      source: "CRYPTO",
      sourceRef: "purchase:31337:3",
    });
  });

  it("reconciles a user's enrollments after a wallet is linked", async () => {
    const u = await user();
    const wallet = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    await purchase(wallet, "ESCROWED", 4);
    expect(await hasAccess(db, u, paid.id)).toBe(false);
    await db.wallet.create({ data: { address: wallet, userId: u } });
    expect(await reconcileUserEnrollments(db, u)).toBe(1);
    expect(await hasAccess(db, u, paid.id)).toBe(true);
  });

  it("link/unlink and the recompute commit together; card access (stable address) never follows wallets", async () => {
    const u = await user();
    const w1 = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" as const;
    const w2 = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc" as const;
    const recompute = {
      onChange: (tx: Parameters<typeof reconcileUserEnrollments>[0]) => reconcileUserEnrollments(tx, u),
    };
    await purchase(w1, "ESCROWED", 40);
    await linkWallet(db, u, w1, recompute);
    expect(await hasAccess(db, u, paid.id)).toBe(true);
    await linkWallet(db, u, w2, recompute);
    // a failing recompute rolls the unlink back: the wallet and the access stay
    await expect(
      unlinkWallet(db, u, w1, { onChange: () => Promise.reject(new Error("recompute failed")) }),
    ).rejects.toThrow("recompute failed");
    expect(await db.wallet.count({ where: { address: w1, userId: u } })).toBe(1);
    expect(await hasAccess(db, u, paid.id)).toBe(true);
    await unlinkWallet(db, u, w1, recompute);
    expect(await hasAccess(db, u, paid.id)).toBe(false);

    // a card sale is recorded against the account's stable address: wallets come and go, access stays
    const c = await user();
    await purchase(placeholderAddress(c), "CARD", 41);
    await recomputeEnrollment(db, c, paid.id);
    expect(await hasAccess(db, c, paid.id)).toBe(true);
    const cr = { onChange: (tx: Parameters<typeof reconcileUserEnrollments>[0]) => reconcileUserEnrollments(tx, c) };
    const w3 = "0x976EA74026E726554dB657fA54763abd0C3a0aa9" as const;
    await linkWallet(db, c, w1, cr);
    await linkWallet(db, c, w3, cr);
    await unlinkWallet(db, c, w1, cr);
    expect(await hasAccess(db, c, paid.id)).toBe(true);
  });

  it("enrolls in free courses only, idempotently, and reports status", async () => {
    const u = await user();
    expect(await enrollFree(db, u, "free")).toMatchObject({
      created: true,
      enrollment: { source: "FREE", status: "ACTIVE" },
    });
    expect(await enrollFree(db, u, "free")).toMatchObject({ created: false });
    await expect(enrollFree(db, u, "paid")).rejects.toMatchObject({ code: "unprocessable" });
    await expect(enrollFree(db, u, "nope")).rejects.toMatchObject({ code: "not_found" });
    expect(await enrollmentStatusBySlug(db, u, "free")).toMatchObject({
      enrolled: true,
      source: "FREE",
      course: { id: free },
    });
    expect(await enrollmentStatusBySlug(db, u, "paid")).toMatchObject({ enrolled: false, status: null });
    expect((await listMyEnrollments(db, u)).map((e) => e.course.slug)).toEqual(["free"]);
  });
});
