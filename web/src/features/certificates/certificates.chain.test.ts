/**
 * Integration: course completion → certificate → outbox mint on a real Hardhat node → indexer → verify
 * → revoke, with a real PostgreSQL database, the fs storage driver and the dev issuer key.
 * The tests share one chain and database and run in order.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPublicClient, http, type Abi, type Address } from "viem";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@smolitux/db";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { startTestChain, type TestChain } from "../../../test/chain.ts";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { platformSigner, type SignerRole } from "@/server/keys.ts";
import { createOutboxSender } from "@/server/outbox/index.ts";
import { createFsStorage } from "@/server/storage/fs.ts";
import { linkWallet } from "@/features/auth/wallets.ts";
import { devAccount } from "@/features/indexer/chain-fixtures.ts";
import { createIndexer } from "@/features/indexer/indexer.ts";
import { evaluateCompletion } from "@/features/learning/completion.ts";
import { getContent } from "./content.ts";
import { devIssuerSeed, issuerKeyFromSeed } from "./credential/keys.ts";
import { ISSUER_NAME, type CertificateDeps } from "./deps.ts";
import { metadataProblems } from "./nft/metadata.ts";
import { mintOutboxKey, watchMints } from "./mint-watch.ts";
import { advanceCertificates, onCourseCompleted, requestRevocation, setShowName } from "./service.ts";
import { verifyCertificate } from "./verify.ts";
import { verifyPostedCredential } from "./verify-posted.ts";

const DEV = { DEV_CHAIN_KEYS: true, CHAIN_ID: 31337 } as const;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

let chain: TestChain;
let t: TestDatabase;
let db: PrismaClient;
let dir: string;
let deps: CertificateDeps;
let provider: string;
let admin: { id: string; roles: ("LEARNER" | "PLATFORM_ADMIN")[] };

async function course(slug: string): Promise<string> {
  const c = await db.course.create({
    data: { slug, title: `Course ${slug}`, subtitle: "A test course", providerId: provider, status: "PUBLISHED" },
    select: { id: true },
  });
  await db.course.update({ where: { id: c.id }, data: { onchainCourseId: courseIdToBytes32(c.id) } });
  const section = await db.section.create({ data: { courseId: c.id, title: "S", position: 0 } });
  await db.lesson.create({ data: { sectionId: section.id, title: "L", kind: "TEXT", position: 0 } });
  return c.id;
}

/** Completes the course's single lesson and evaluates completion as the learning service does. */
async function complete(userId: string, courseId: string): Promise<boolean> {
  const lesson = await db.lesson.findFirstOrThrow({ where: { section: { courseId } } });
  await db.lessonProgress.upsert({
    where: { userId_lessonId: { userId, lessonId: lesson.id } },
    create: { userId, lessonId: lesson.id, completedAt: new Date("2026-01-02T03:04:05Z") },
    update: {},
  });
  return db.$transaction((tx) =>
    evaluateCompletion(tx, onCourseCompleted, userId, courseId, new Date("2025-06-07T08:09:10Z")),
  );
}

/** Runs the certificate minter's outbox sender, then the indexer, until nothing is pending. */
async function settle(): Promise<void> {
  const client = createPublicClient({ chain: hardhat, transport: http(chain.rpcUrl), cacheTime: 0 });
  const c = chain.contracts;
  const sender = createOutboxSender({
    db,
    client,
    signer: platformSigner("certificateMinter", DEV),
    chainId: 31337,
    finality: { kind: "confirmations", blocks: 0 },
    stuckAfterMs: 60_000,
    abis: [c.CourseMarketplace.abi, c.CourseCertificate.abi, c.ESNToken.abi] as Abi[],
    log: silent,
  });
  for (let i = 0; i < 5 && (await db.outboxTx.count({ where: { status: { notIn: ["CONFIRMED", "FAILED"] } } })); i++) {
    await sender.tick();
  }
  const indexer = createIndexer({
    db,
    client: chain.client,
    contracts: chain.contracts,
    finality: { kind: "confirmations", blocks: 0 },
    batchBlocks: 1000,
  });
  await indexer.step();
}

beforeAll(async () => {
  [chain, t] = await Promise.all([startTestChain(), createTestDatabase()]);
  db = t.db;
  dir = await mkdtemp(path.join(tmpdir(), "cert-chain-"));
  // the gateway route (GET /api/metadata/<cid>) reads through the env-selected driver: point it at `dir`
  process.env.DATABASE_URL ??= t.url;
  process.env.STORAGE_DRIVER = "fs";
  process.env.STORAGE_DIR = dir;
  const issuer = await issuerKeyFromSeed(devIssuerSeed());
  deps = {
    db,
    storage: createFsStorage(dir),
    issuer: async () => issuer,
    contracts: chain.contracts,
    client: createPublicClient({ chain: hardhat, transport: http(chain.rpcUrl), cacheTime: 0 }),
    signerOf: (role: SignerRole) => platformSigner(role, DEV).address,
    appUrl: "http://localhost:3000",
    issuerName: ISSUER_NAME,
    now: () => new Date(),
  };
  provider = (await db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] } })).id;
  admin = {
    id: (await db.user.create({ data: { roles: ["LEARNER", "PLATFORM_ADMIN"] } })).id,
    roles: ["LEARNER", "PLATFORM_ADMIN"],
  };
}, 120_000);
afterAll(async () => {
  await Promise.all([chain?.stop(), t?.drop(), dir && rm(dir, { recursive: true, force: true })]);
});

describe("certificate issuing on a real chain", () => {
  let claimUser: string;
  let claimCourse: string;
  const wallet: Address = devAccount(12);

  it("completion without a wallet: exactly one certificate, CLAIMABLE, metadata stored by CID, no personal data", async () => {
    const u = await db.user.create({ data: { name: "Ada Lovelace", email: "ada@example.test" } });
    claimUser = u.id;
    claimCourse = await course("claim");
    expect(await complete(u.id, claimCourse)).toBe(true);
    expect(await complete(u.id, claimCourse)).toBe(false);
    expect(await db.certificate.count({ where: { userId: u.id } })).toBe(1);

    expect(await advanceCertificates(deps)).toEqual({ minting: 0, claimable: 1, failed: 0 });
    const cert = await db.certificate.findFirstOrThrow({ where: { userId: u.id } });
    expect(cert.status).toBe("CLAIMABLE");
    expect(await db.outboxTx.count()).toBe(0);
    const stored = await getContent(deps.storage, cert.metadataCid!);
    const text = new TextDecoder().decode(stored!.bytes);
    expect(metadataProblems(JSON.parse(text))).toEqual([]);
    for (const personal of ["Ada", "ada@example.test", u.id]) expect(text).not.toContain(personal);
    // a second pass leaves it alone (no wallet yet)
    expect(await advanceCertificates(deps)).toEqual({ minting: 0, claimable: 0, failed: 0 });
  });

  it("linking a wallet mints it once the name is chosen: tokenURI resolves to the stored metadata, locked, valid", async () => {
    await linkWallet(db, claimUser, wallet);
    // No explicit name choice yet: nothing is minted.
    expect(await advanceCertificates(deps)).toEqual({ minting: 0, claimable: 0, failed: 0 });
    expect(await db.certificate.findFirstOrThrow({ where: { userId: claimUser } })).toMatchObject({
      status: "CLAIMABLE",
    });
    // The learner chooses "no name" explicitly → rebuilt and minted.
    expect(await setShowName(deps, claimUser, false)).toBe(1);
    expect(await advanceCertificates(deps)).toEqual({ minting: 1, claimable: 0, failed: 0 });
    await settle();
    const cert = await db.certificate.findFirstOrThrow({ where: { userId: claimUser } });
    expect(cert).toMatchObject({ status: "ISSUED", ownerAddress: wallet });
    const tokenId = BigInt(cert.tokenId!.toFixed(0));
    const c = chain.contracts.CourseCertificate;
    const uri = await chain.client.readContract({
      address: c.address,
      abi: c.abi,
      functionName: "tokenURI",
      args: [tokenId],
    });
    expect(uri).toBe(`ipfs://${cert.metadataCid}`);
    const { GET } = await import("@/app/api/metadata/[cid]/route.ts");
    const res = await GET(new Request(`http://localhost:3000/api/metadata/${uri.slice(7)}`), {
      params: Promise.resolve({ cid: uri.slice(7) }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const metadata = (await res.json()) as { image: string };
    expect(metadata).toMatchObject({
      name: "Certificate: Course claim",
      external_url: `http://localhost:3000/verify/${cert.id}`,
    });
    expect(await getContent(deps.storage, String(metadata.image).slice(7))).toMatchObject({
      contentType: "image/svg+xml",
    });
    expect(
      await chain.client.readContract({ address: c.address, abi: c.abi, functionName: "locked", args: [tokenId] }),
    ).toBe(true);

    const v = await verifyCertificate(deps, cert.id);
    expect(v).toMatchObject({
      valid: true,
      reasons: [],
      status: "ISSUED",
      token: { owner: wallet, locked: true, revoked: false },
    });
    expect(v!.credential).toMatchObject({ valid: true, trustedIssuer: true });
    expect((cert.credential as { credentialSubject: { id: string } }).credentialSubject.id).toBe(
      `did:pkh:eip155:31337:${wallet}`,
    );
  });

  it("revocation by an admin: outbox → CertificateRevoked → REVOKED; page and pasted credential report it", async () => {
    const cert = await db.certificate.findFirstOrThrow({ where: { userId: claimUser } });
    await expect(
      requestRevocation(deps, { id: claimUser, roles: ["LEARNER"] }, cert.id, "fraud"),
    ).rejects.toMatchObject({ code: "forbidden" });
    const r = await requestRevocation(deps, admin, cert.id, "plagiarised quiz answers");
    expect(r.status).toBe("REVOKING");
    await expect(requestRevocation(deps, admin, cert.id, "again")).rejects.toMatchObject({ code: "conflict" });
    await settle();
    expect(await db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).toMatchObject({ status: "REVOKED" });
    const v = await verifyCertificate(deps, cert.id);
    expect(v!.valid).toBe(false);
    expect(v!.reasons).toContain("revoked on-chain");
    expect(v!.reasons).toContain("reason: plagiarised quiz answers");
    const posted = await verifyPostedCredential(deps, cert.credential as Record<string, unknown>);
    expect(posted).toMatchObject({ verdict: "INVALID", valid: false, revoked: true, certificateId: cert.id });
    expect(posted.trustedIssuer).toBe(false);
    const audit = await db.auditLog.findMany({ where: { entity: "Certificate", entityId: cert.id } });
    expect(audit.map((a) => a.action)).toEqual(["certificate.revoke_requested"]);
  });

  it("completion with a wallet mints directly; the opt-in name appears in metadata and credential", async () => {
    const u = await db.user.create({
      data: {
        name: "Grace Hopper",
        certificateShowName: true,
        certificateNameConfirmedAt: new Date(),
        wallets: { create: { address: devAccount(13) } },
      },
    });
    const courseId = await course("direct");
    await complete(u.id, courseId);
    expect(await advanceCertificates(deps)).toEqual({ minting: 1, claimable: 0, failed: 0 });
    await settle();
    const cert = await db.certificate.findFirstOrThrow({ where: { userId: u.id } });
    expect(cert).toMatchObject({ status: "ISSUED", displayName: "Grace Hopper" });
    const text = new TextDecoder().decode((await getContent(deps.storage, cert.metadataCid!))!.bytes);
    expect(JSON.parse(text).attributes).toContainEqual({ trait_type: "Holder", value: "Grace Hopper" });
    expect((await verifyCertificate(deps, cert.id))!.valid).toBe(true);
  });

  it("a certificate that was never minted is revoked at once and never minted later", async () => {
    const u = await db.user.create({ data: { name: "No Wallet" } });
    const courseId = await course("never");
    await complete(u.id, courseId);
    await advanceCertificates(deps);
    const cert = await db.certificate.findFirstOrThrow({ where: { userId: u.id } });
    expect(
      await requestRevocation(deps, { id: provider, roles: ["LEARNER", "PROVIDER"] }, cert.id, "issued by mistake"),
    ).toEqual({
      status: "REVOKED",
      outboxId: null,
    });
    await linkWallet(db, u.id, devAccount(14));
    expect(await advanceCertificates(deps)).toEqual({ minting: 0, claimable: 0, failed: 0 });
    expect((await verifyCertificate(deps, cert.id))!.reasons[0]).toBe("revoked");
  });

  const providerActor = () => ({ id: provider, roles: ["LEARNER" as const, "PROVIDER" as const] });

  it("revocation requested while MINTING is carried out on chain once the token is issued", async () => {
    const u = await db.user.create({
      data: {
        name: "Minting",
        certificateNameConfirmedAt: new Date(),
        wallets: { create: { address: devAccount(15) } },
      },
    });
    const courseId = await course("revoke-minting");
    await complete(u.id, courseId);
    expect(await advanceCertificates(deps)).toMatchObject({ minting: 1 });
    const cert = await db.certificate.findFirstOrThrow({ where: { userId: u.id } });
    expect(await requestRevocation(deps, providerActor(), cert.id, "plagiarism")).toEqual({
      status: "REVOKING",
      outboxId: null,
    });
    await expect(requestRevocation(deps, providerActor(), cert.id, "again")).rejects.toMatchObject({
      code: "conflict",
    });
    await settle(); // mint lands, the indexer marks it ISSUED
    expect((await db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).status).toBe("ISSUED");
    expect(await watchMints(deps)).toMatchObject({ revokesQueued: 1 });
    expect(await watchMints(deps)).toMatchObject({ revokesQueued: 0 });
    await settle();
    expect((await db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).status).toBe("REVOKED");
  });

  it("a failed mint leaves MINTING: back to CLAIMABLE, minted again under a new key; bounded; revoked if requested", async () => {
    const u = await db.user.create({
      data: { name: "Retry", certificateNameConfirmedAt: new Date(), wallets: { create: { address: devAccount(16) } } },
    });
    const courseId = await course("mint-retry");
    await complete(u.id, courseId);
    await advanceCertificates(deps);
    const cert = await db.certificate.findFirstOrThrow({ where: { userId: u.id } });
    await db.outboxTx.update({
      where: { idempotencyKey: mintOutboxKey(cert.id, 0) },
      data: { status: "FAILED", lastError: "simulated revert" },
    });
    expect(await watchMints(deps)).toMatchObject({ retried: 1 });
    expect(await db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).toMatchObject({
      status: "CLAIMABLE",
      mintAttempts: 1,
      mintError: "simulated revert",
    });
    expect(await advanceCertificates(deps)).toMatchObject({ minting: 1 });
    expect(await db.outboxTx.count({ where: { idempotencyKey: mintOutboxKey(cert.id, 1) } })).toBe(1);
    await settle();
    expect((await db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).status).toBe("ISSUED");

    // bounded: after 3 failed attempts no automatic retry
    const v = await db.user.create({
      data: {
        name: "Bounded",
        certificateNameConfirmedAt: new Date(),
        wallets: { create: { address: devAccount(17) } },
      },
    });
    const c2 = await course("mint-bounded");
    await complete(v.id, c2);
    await db.certificate.updateMany({ where: { userId: v.id }, data: { status: "CLAIMABLE", mintAttempts: 3 } });
    expect(await advanceCertificates(deps)).toMatchObject({ minting: 0 });

    // a failing mint with a revocation requested ends REVOKED (nothing on chain)
    const w = await db.user.create({
      data: { name: "Both", certificateNameConfirmedAt: new Date(), wallets: { create: { address: devAccount(18) } } },
    });
    const c3 = await course("mint-fail-revoke");
    await complete(w.id, c3);
    await advanceCertificates(deps);
    const cert3 = await db.certificate.findFirstOrThrow({ where: { userId: w.id } });
    await requestRevocation(deps, providerActor(), cert3.id, "mistake");
    await db.outboxTx.update({ where: { idempotencyKey: mintOutboxKey(cert3.id, 0) }, data: { status: "FAILED" } });
    expect(await watchMints(deps)).toMatchObject({ revoked: 1 });
    expect((await db.certificate.findUniqueOrThrow({ where: { id: cert3.id } })).status).toBe("REVOKED");
  });

  it("the displayed name is frozen between the check and the mint (a rename meanwhile defers the mint)", async () => {
    const u = await db.user.create({
      data: {
        name: "Old Name",
        certificateShowName: true,
        certificateNameConfirmedAt: new Date(),
        wallets: { create: { address: devAccount(19) } },
      },
    });
    const courseId = await course("name-freeze");
    await complete(u.id, courseId);
    let renamed = false;
    const racing: CertificateDeps = {
      ...deps,
      storage: new Proxy(deps.storage, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (prop !== "put" || typeof value !== "function") return value;
          return async (...args: unknown[]) => {
            if (!renamed) {
              renamed = true;
              await db.user.update({ where: { id: u.id }, data: { name: "New Name" } });
            }
            return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          };
        },
      }),
    };
    expect(await advanceCertificates(racing)).toMatchObject({ minting: 0 });
    expect((await db.certificate.findFirstOrThrow({ where: { userId: u.id } })).status).toBe("PENDING");
    expect(await advanceCertificates(racing)).toMatchObject({ minting: 1 });
    expect((await db.certificate.findFirstOrThrow({ where: { userId: u.id } })).displayName).toBe("New Name");
  });
});
