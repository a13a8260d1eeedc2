/**
 * Pricing and the publication lifecycle. Prices are integer units per currency (cents / wei) or the course is
 * explicitly free. Publishing checks the rules on the server, sets PUBLISHED and writes one on-chain listing
 * per crypto currency through the outbox (listings.ts); a later price change re-lists with new keys.
 * Audited: `course.price_changed`, `course.published`, `course.unpublished`, `course.archived`.
 */
import type { PrismaClient } from "@smolitux/db";
import { recordAudit } from "@/features/admin/audit.ts";
import { CURRENCIES, isFiat, toUnits, type Currency } from "@/lib/money.ts";
import { ApiError } from "@/server/http.ts";
import { lockCourse, ownedCourse, type StudioActor } from "./access.ts";
import { syncListings, type ListingDeps } from "./listings.ts";
import type { PricingInput } from "./schemas.ts";

/**
 * Sets the prices (replacing all), the free flag, the refund window and optionally the provider's payout
 * address; re-lists on-chain when the course is published.
 * @returns the outbox keys enqueued
 * @throws ApiError 422 (`fields.payoutAddress`) for crypto prices without a payout address
 */
export async function setPricing(
  db: PrismaClient,
  deps: ListingDeps,
  actor: StudioActor,
  courseId: string,
  input: PricingInput,
): Promise<string[]> {
  const course = await ownedCourse(db, actor, courseId);
  return db.$transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const before = await tx.coursePrice.findMany({ where: { courseId }, select: { currency: true, amount: true } });
    const provider = await tx.user.findUniqueOrThrow({
      where: { id: course.providerId },
      select: { payoutAddress: true },
    });
    const hasCrypto = Object.keys(input.prices).some((c) => !isFiat(c as Currency));
    if (input.payoutAddress && input.payoutAddress !== provider.payoutAddress) {
      await tx.user.update({
        where: { id: course.providerId },
        data: { payoutAddress: input.payoutAddress },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "user.payout_address_changed",
        entity: "User",
        entityId: course.providerId,
        details: { from: provider.payoutAddress, to: input.payoutAddress, via: "studio" },
      });
    }
    if (hasCrypto && !(input.payoutAddress ?? provider.payoutAddress)) {
      throw new ApiError("unprocessable", "Set a payout address to sell for crypto.", {
        payoutAddress: "payout_required",
      });
    }
    await tx.coursePrice.deleteMany({
      where: { courseId, currency: { notIn: Object.keys(input.prices) as Currency[] } },
    });
    for (const currency of CURRENCIES) {
      const amount = input.prices[currency];
      if (amount === undefined) continue;
      await tx.coursePrice.upsert({
        where: { courseId_currency: { courseId, currency } },
        create: { courseId, currency, amount: amount.toString() },
        update: { amount: amount.toString() },
        select: { id: true },
      });
    }
    await tx.course.update({
      where: { id: courseId },
      data: { isFree: input.isFree, refundWindowDays: input.refundWindowDays },
      select: { id: true },
    });
    const fmt = (rows: { currency: string; amount: bigint }[]) =>
      Object.fromEntries(rows.map((r) => [r.currency, r.amount.toString()]));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "course.price_changed",
      entity: "Course",
      entityId: courseId,
      details: {
        from: {
          isFree: course.isFree,
          refundWindowDays: course.refundWindowDays,
          prices: fmt(before.map((b) => ({ currency: b.currency, amount: toUnits(b.amount) }))),
        },
        to: {
          isFree: input.isFree,
          refundWindowDays: input.refundWindowDays,
          prices: fmt(Object.entries(input.prices).map(([currency, amount]) => ({ currency, amount }))),
        },
      },
    });
    return course.status === "PUBLISHED" ? syncListings(tx, deps, courseId, { active: true }) : [];
  });
}

/** Why a course cannot be published yet: field → error code (`lessons_missing`, `prices_missing`, `payout_required`). */
export async function publishProblems(
  db: Pick<PrismaClient, "course" | "lesson">,
  courseId: string,
): Promise<Record<string, string>> {
  const c = await db.course.findUniqueOrThrow({
    where: { id: courseId },
    select: { isFree: true, provider: { select: { payoutAddress: true } }, prices: { select: { currency: true } } },
  });
  const lessons = await db.lesson.count({ where: { section: { courseId } } });
  const problems: Record<string, string> = {};
  // stable codes the studio translates (messages `studio.fieldErrors`)
  if (lessons === 0) problems.lessons = "lessons_missing";
  if (!c.isFree && c.prices.length === 0) problems.prices = "prices_missing";
  if (c.prices.some((p) => !isFiat(p.currency as Currency)) && !c.provider.payoutAddress) {
    problems.payoutAddress = "payout_required";
  }
  return problems;
}

/**
 * Publishes (or, when already published, re-syncs the listings of) a course.
 * @returns the outbox keys enqueued
 * @throws ApiError 422 with the failed rules in `fields`, 409 for an archived course
 */
export async function publishCourse(
  db: PrismaClient,
  deps: ListingDeps,
  actor: StudioActor,
  courseId: string,
): Promise<string[]> {
  await ownedCourse(db, actor, courseId);
  return db.$transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const course = await tx.course.findUniqueOrThrow({
      where: { id: courseId },
      select: { status: true, publishedAt: true },
    });
    if (course.status === "ARCHIVED") throw new ApiError("conflict", "Archived courses cannot be published again.");
    const problems = await publishProblems(tx, courseId);
    if (Object.keys(problems).length > 0)
      throw new ApiError("unprocessable", "The course cannot be published yet.", problems);
    await tx.course.update({
      where: { id: courseId },
      data: { status: "PUBLISHED", publishedAt: course.publishedAt ?? new Date() },
      select: { id: true },
    });
    const keys = await syncListings(tx, deps, courseId, { active: true });
    if (course.status !== "PUBLISHED") {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "course.published",
        entity: "Course",
        entityId: courseId,
        details: { listings: keys },
      });
    }
    return keys;
  });
}

/**
 * Takes a course off the catalog: `unpublish` → DRAFT, `archive` → ARCHIVED (final); deactivates its listings.
 * Enrolled learners keep their access.
 */
export async function withdrawCourse(
  db: PrismaClient,
  deps: ListingDeps,
  actor: StudioActor,
  courseId: string,
  to: "DRAFT" | "ARCHIVED",
): Promise<string[]> {
  await ownedCourse(db, actor, courseId);
  return db.$transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const { status } = await tx.course.findUniqueOrThrow({ where: { id: courseId }, select: { status: true } });
    if (status === "ARCHIVED") throw new ApiError("conflict", "The course is archived.");
    await tx.course.update({ where: { id: courseId }, data: { status: to }, select: { id: true } });
    const keys = await syncListings(tx, deps, courseId, { active: false });
    await recordAudit(tx, {
      actorId: actor.id,
      action: to === "DRAFT" ? "course.unpublished" : "course.archived",
      entity: "Course",
      entityId: courseId,
      details: { from: status, listings: keys },
    });
    return keys;
  });
}
