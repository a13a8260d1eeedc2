/**
 * GET /api/reviews/courses/<slug> — the course's reviews with provider replies (public).
 * PUT /api/reviews/courses/<slug> {rating 1–5, body?} — write or edit the caller's review (201 created,
 * 200 edited; 401 anonymous; 403 not enrolled / no completed lesson / own course; 404 unknown course).
 */
import { NextResponse } from "next/server";
import { pathParam, reviewInputSchema } from "@/features/reviews/schemas.ts";
import { listReviews, upsertReview } from "@/features/reviews/service.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

type Ctx = { params: Promise<{ slug: string }> };

export const GET = route(async (_req: Request, ctx: Ctx) => {
  const slug = parseInput(pathParam, (await ctx.params).slug);
  return NextResponse.json({ reviews: await listReviews(db(), slug) });
});

export const PUT = route(async (req: Request, ctx: Ctx) => {
  const user = await requireUser(req);
  const slug = parseInput(pathParam, (await ctx.params).slug);
  const { review, created } = await upsertReview(db(), user.id, slug, await jsonBody(req, reviewInputSchema));
  return NextResponse.json({ review }, { status: created ? 201 : 200 });
});
