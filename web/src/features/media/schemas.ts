/** zod schemas of the upload API. */
import { z } from "zod";

/** POST /api/uploads body: file name, declared content type and size in bytes. */
export const createUploadSchema = z.object({
  filename: z.string().trim().min(1).max(255),
  type: z.string().trim().min(3).max(100),
  sizeBytes: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
/** Parsed {@link createUploadSchema}. */
export type CreateUploadInput = z.infer<typeof createUploadSchema>;

/** A cuid-like id in a route parameter. */
export const idParam = z.string().regex(/^[a-z0-9]{10,40}$/, "not an id");
