/** Test fixtures of the studio: users with roles and listing dependencies on the local deployment. */
import type { PrismaClient } from "@smolitux/db";
import { platformContracts } from "@/server/contracts.ts";
import type { ListingDeps } from "../listings.ts";
import type { StudioActor } from "../access.ts";

/** Local-chain catalog signer (Hardhat account 1); tests never sign with it. */
export const TEST_SIGNER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as const;

/** Listing deps for chain 31337 with a fixed signer address. */
export function testListingDeps(): ListingDeps {
  return { contracts: platformContracts(31337), signerOf: () => TEST_SIGNER };
}

/** Creates a user with the given roles (and payout address). */
export async function createUser(
  db: PrismaClient,
  name: string,
  roles: ("LEARNER" | "PROVIDER" | "PLATFORM_ADMIN")[] = ["LEARNER", "PROVIDER"],
  payoutAddress: string | null = null,
): Promise<StudioActor & { name: string }> {
  const u = await db.user.create({
    data: { name, roles, payoutAddress },
    select: { id: true, roles: true, name: true },
  });
  return { id: u.id, roles: u.roles, name: u.name ?? name };
}
