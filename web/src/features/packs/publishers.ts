/**
 * Trusted course-pack publishers (did:key Ed25519), kept by the school admin. A pack signed by an untrusted
 * key is imported only with explicit confirmation, which also adds the key to this list.
 */
import type { PrismaClient, Prisma } from "@smolitux/db";
import { z } from "zod";
import { recordAudit } from "@/features/admin/audit.ts";
import { requireSchoolAdmin, type SchoolActor } from "@/features/school/access.ts";
import { ApiError } from "@/server/http.ts";
import { publicKeyOfDid } from "./signature.ts";

export const publisherSchema = z.object({
  did: z
    .string({ error: "required" })
    .trim()
    .refine((d) => publicKeyOfDid(d) !== null, "invalid_did"),
  name: z.string({ error: "required" }).trim().min(1, "required").max(200, "too_long"),
});

export interface TrustedPublisherView {
  did: string;
  name: string;
  addedAt: string;
}

export async function listPublishers(db: PrismaClient, actor: SchoolActor): Promise<TrustedPublisherView[]> {
  requireSchoolAdmin(actor);
  const rows = await db.trustedPublisher.findMany({ orderBy: { addedAt: "asc" } });
  return rows.map((r) => ({ did: r.did, name: r.name, addedAt: r.addedAt.toISOString() }));
}

/** Adds (or renames) a trusted key. Works inside a transaction too. */
export async function trustPublisher(
  db: PrismaClient | Prisma.TransactionClient,
  actor: SchoolActor,
  input: z.infer<typeof publisherSchema>,
): Promise<void> {
  requireSchoolAdmin(actor);
  await db.trustedPublisher.upsert({
    where: { did: input.did },
    create: { did: input.did, name: input.name, addedBy: actor.id },
    update: { name: input.name },
  });
  await recordAudit(db, {
    actorId: actor.id,
    action: "packs.publisher_trusted",
    entity: "TrustedPublisher",
    entityId: input.did,
  });
}

/** @throws ApiError not_found */
export async function distrustPublisher(db: PrismaClient, actor: SchoolActor, did: string): Promise<void> {
  requireSchoolAdmin(actor);
  const gone = await db.trustedPublisher.deleteMany({ where: { did } });
  if (gone.count === 0) throw new ApiError("not_found", "This key is not in the trusted list.");
  await recordAudit(db, {
    actorId: actor.id,
    action: "packs.publisher_removed",
    entity: "TrustedPublisher",
    entityId: did,
  });
}

/** Whether `did` is trusted. */
export async function isTrusted(db: PrismaClient, did: string): Promise<boolean> {
  return (await db.trustedPublisher.findUnique({ where: { did }, select: { did: true } })) !== null;
}
