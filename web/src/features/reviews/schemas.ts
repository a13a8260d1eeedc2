/** Input schemas of the review endpoints. */
import { z } from "zod";

/** Body of `PUT /api/reviews/courses/<slug>`: a 1–5 star rating and an optional text. */
export const reviewInputSchema = z.strictObject({
  rating: z.number().int().min(1).max(5),
  body: z.string().trim().max(4000).default(""),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

/** Body of `PUT /api/reviews/<id>/reply`. */
export const replyInputSchema = z.strictObject({
  reply: z.string().trim().min(1).max(4000),
});
export type ReplyInput = z.infer<typeof replyInputSchema>;

/** A review id or course slug in the path. */
export const pathParam = z.string().min(1).max(200);
