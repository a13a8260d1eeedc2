/**
 * Test fixtures of the certificates feature (real PostgreSQL, fs storage, no chain): the services' deps on a fresh
 * test database, and a learner's completed course with its certificate as the completion hook leaves it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPublicClient, http } from "viem";
import { hardhat } from "viem/chains";
import type { Prisma, PrismaClient } from "@smolitux/db";
import { createTestDatabase, type TestDatabase } from "../../../../test/db.ts";
import { platformContracts } from "@/server/contracts.ts";
import { platformSigner, type SignerRole } from "@/server/keys.ts";
import { createFsStorage } from "@/server/storage/fs.ts";
import { devIssuerSeed, issuerKeyFromSeed } from "../credential/keys.ts";
import type { CertificateDeps } from "../deps.ts";

const DEV = { DEV_CHAIN_KEYS: true, CHAIN_ID: 31337 } as const;

/** What {@link startCertificateTestbed} made. */
export interface CertificateTestbed {
  t: TestDatabase;
  /** the fs storage's folder (temporary) */
  dir: string;
  deps: CertificateDeps;
  /** Drops the database and removes the folder. */
  close(): Promise<void>;
}

/**
 * A test database and certificate deps that never reach a chain: fs storage in a temporary folder, the dev issuer
 * key, the dev chain's contracts and signer addresses, and an RPC client on 127.0.0.1:9 (nothing listens: minting
 * is only enqueued). `opts` sets the app URL, the issuer's name and whether certificates are anchored.
 */
export async function startCertificateTestbed(
  opts: Pick<CertificateDeps, "appUrl" | "issuerName"> & { anchor: boolean },
): Promise<CertificateTestbed> {
  const t = await createTestDatabase();
  const dir = await mkdtemp(path.join(tmpdir(), "cert-test-"));
  const issuer = await issuerKeyFromSeed(devIssuerSeed());
  const deps: CertificateDeps = {
    db: t.db,
    storage: createFsStorage(dir),
    issuer: async () => issuer,
    contracts: platformContracts(31337),
    client: createPublicClient({ chain: hardhat, transport: http("http://127.0.0.1:9") }),
    signerOf: (role: SignerRole) => platformSigner(role, DEV).address,
    now: () => new Date(),
    ...opts,
  };
  return {
    t,
    dir,
    deps,
    async close() {
      await t.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let n = 0;

/**
 * A PUBLISHED course of a new provider, completed by a new learner (created from `learner`), and the learner's
 * certificate as the completion hook leaves it: a CourseCompletion row and a PENDING certificate.
 */
export async function completedCourseCertificate(
  db: PrismaClient,
  learner: Prisma.UserCreateInput,
  course: { slug?: string; title?: string } = {},
) {
  const provider = await db.user.create({ data: { name: "P", roles: ["PROVIDER"] } });
  const created = await db.course.create({
    data: {
      slug: course.slug ?? `cert-fixture-${++n}`,
      title: course.title ?? "Certificate fixture",
      providerId: provider.id,
      status: "PUBLISHED",
    },
  });
  const user = await db.user.create({ data: learner });
  await db.courseCompletion.create({ data: { userId: user.id, courseId: created.id, completedAt: new Date() } });
  const cert = await db.certificate.create({ data: { userId: user.id, courseId: created.id, status: "PENDING" } });
  return { provider, course: created, learner: user, cert };
}
