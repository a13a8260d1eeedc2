/** zod schemas of lesson Q&A (parsed at the API boundary). */
import { z } from "zod";

/** POST /api/qa/lessons/<lessonId>/questions */
export const questionInputSchema = z.object({
  title: z.string().trim().min(5, "at least 5 characters").max(200, "at most 200 characters"),
  body: z.string().trim().max(10_000, "at most 10000 characters").default(""),
});
export type QuestionInput = z.infer<typeof questionInputSchema>;

/** POST /api/qa/questions/<id>/answers */
export const answerInputSchema = z.object({
  body: z.string().trim().min(2, "at least 2 characters").max(10_000, "at most 10000 characters"),
});
export type AnswerInput = z.infer<typeof answerInputSchema>;

/** POST /api/notifications/read: the ids to mark read, or every unread one when omitted. */
export const markReadSchema = z.object({
  ids: z
    .array(z.string().regex(/^[a-z0-9]{10,40}$/))
    .max(200)
    .optional(),
});

/** PUT /api/auth/account/notifications: whether the account receives lesson Q&A by e-mail. */
export const qaMailPreferenceSchema = z.object({ qaMail: z.boolean() });
