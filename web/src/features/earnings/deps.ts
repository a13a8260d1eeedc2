/** The process-wide dependencies of the earnings service (db, public client, contracts of CHAIN_ID). */
import { publicClient } from "@/server/chain";
import { platformContracts } from "@/server/contracts";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { signerAddress } from "@/server/keys";
import type { RotationDeps } from "./payout-rotation.ts";
import type { EarningsDeps } from "./service.ts";

/** @throws NoDeploymentError when CHAIN_ID has no deployment */
export function earningsDeps(): EarningsDeps {
  return { db: db(), client: publicClient(), contracts: platformContracts(env().CHAIN_ID) };
}

/** The process-wide dependencies of the payout address change (catalog key relays the provider's signature). */
export function rotationDeps(): RotationDeps {
  const e = env();
  return {
    db: db(),
    client: publicClient(),
    contracts: platformContracts(e.CHAIN_ID),
    signerOf: (role) => signerAddress(role, e),
  };
}
