/**
 * Trusted course-pack publisher keys (school admins). GET — the list; POST {did, name} — trust a key;
 * DELETE ?did=… — remove one (404 when not listed).
 */
import { NextResponse } from "next/server";
import { distrustPublisher, listPublishers, publisherSchema, trustPublisher } from "@/features/packs/publishers.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  return NextResponse.json({ publishers: await listPublishers(db(), user) });
});

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  const input = await jsonBody(req, publisherSchema);
  await trustPublisher(db(), user, input);
  return NextResponse.json({ did: input.did, name: input.name }, { status: 201 });
});

export const DELETE = route(async (req: Request) => {
  const user = await requireUser(req);
  await distrustPublisher(db(), user, new URL(req.url).searchParams.get("did") ?? "");
  return new NextResponse(null, { status: 204 });
});
