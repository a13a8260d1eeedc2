/** zod schemas of the certificates routes. */
import { z } from "zod";

/** A certificate id in a path (cuid); anything else is a 400, never a lookup or a header value. */
export const certificateIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a certificate id");
