/** POST /api/studio/markdown {markdown} — sanitized HTML preview of a description or text lesson (providers only). */
import { NextResponse } from "next/server";
import { z } from "zod";
import { studioActor } from "@/features/studio/server.ts";
import { renderMarkdown } from "@/lib/markdown.ts";
import { jsonBody, route } from "@/server/http.ts";

const schema = z.object({ markdown: z.string().max(100_000) });

export const POST = route(async (req: Request) => {
  await studioActor(req);
  const { markdown } = await jsonBody(req, schema);
  return NextResponse.json({ html: await renderMarkdown(markdown) });
});
