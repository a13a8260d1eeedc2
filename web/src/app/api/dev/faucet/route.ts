/**
 * POST /api/dev/faucet `{ "address": "0x…" }` — local test chain only (CHAIN_ID=31337 with
 * DEV_CHAIN_KEYS=true): funds a test wallet with native coin and ESN (features/dev-faucet). 200
 * `{ nativeTx, esnTx, nativeWei, esnUnits }` (amounts as decimal strings); 400 invalid address; 404 on any
 * other chain or in offline mode.
 */
import { NextResponse } from "next/server";
import { getAddress, isAddress } from "viem";
import { z } from "zod";
import { FaucetUnavailableError, fundTestWallet } from "@/features/dev-faucet/faucet";
import { chainFor, publicClient } from "@/server/chain";
import { platformContracts } from "@/server/contracts";
import { chainEnabled, env } from "@/server/env";
import { ApiError, jsonBody, route } from "@/server/http";

export const dynamic = "force-dynamic";

const Body = z.object({ address: z.string().refine((a) => isAddress(a), "Enter a 0x-prefixed 20-byte address.") });

export const POST = route(async (req: Request) => {
  const e = env();
  if (e.CHAIN_ID !== 31337 || !e.DEV_CHAIN_KEYS || !chainEnabled(e)) {
    throw new ApiError("not_found", new FaucetUnavailableError().message);
  }
  const { address } = await jsonBody(req, Body);
  const result = await fundTestWallet(
    {
      chain: chainFor(e.CHAIN_ID, e.RPC_URL),
      rpcUrl: e.RPC_URL,
      publicClient: publicClient(),
      esnToken: platformContracts(e.CHAIN_ID).ESNToken.address,
    },
    { chainId: e.CHAIN_ID, devChainKeys: e.DEV_CHAIN_KEYS },
    getAddress(address),
  );
  return NextResponse.json({
    nativeTx: result.nativeTx,
    esnTx: result.esnTx,
    nativeWei: result.nativeWei.toString(),
    esnUnits: result.esnUnits.toString(),
  });
});
