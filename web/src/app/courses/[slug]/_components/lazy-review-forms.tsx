"use client";
/**
 * The review and reply forms in their own JavaScript chunk, loaded only when the course page shows one (to an
 * eligible learner or the provider) — anonymous visitors do not download them (issue 14 item 13).
 */
import dynamic from "next/dynamic";

export const ReviewForm = dynamic(() => import("./review-forms").then((m) => m.ReviewForm));
export const ReplyForm = dynamic(() => import("./review-forms").then((m) => m.ReplyForm));
