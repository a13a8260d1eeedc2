/**
 * Moving a provider's payout address on-chain (issue 10 §1.3), with the provider's own EIP-712 consent:
 * GET /api/earnings/payout-address?address=0x… — the typed data (one `ProviderChange` per listed course)
 * the current payout wallet must sign; POST {newAddress, deadline, signatures: [{courseDbId, signature}]}
 * — verified server-side, then relayed through the outbox (202 {keys}). 401 anonymous, 403 not a
 * provider, 400 malformed input, 409 a change is still pending, 422 zero address / platform contract /
 * expired or wrong signature / nothing to change.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { rotationDeps } from "@/features/earnings/deps.ts";
import { rotationRequest, submitRotation } from "@/features/earnings/payout-rotation.ts";
import { requireRole, requireUser } from "@/server/auth.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const dynamic = "force-dynamic";

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "an address");
const query = z.object({ address });
const body = z.object({
  newAddress: address,
  deadline: z.string().regex(/^\d{1,20}$/),
  signatures: z
    .array(
      z.object({
        courseDbId: z.string().min(1).max(100),
        signature: z.string().regex(/^0x([0-9a-fA-F]{2}){1,2048}$/, "hex bytes"),
      }),
    )
    .min(1)
    .max(500),
});

export const GET = route(async (req: Request) => {
  const user = requireRole(await requireUser(req), "PROVIDER");
  const { address: newAddress } = parseInput(query, Object.fromEntries(new URL(req.url).searchParams));
  const request = await rotationRequest(rotationDeps(), user.id, newAddress);
  return NextResponse.json(request, { headers: { "cache-control": "no-store" } });
});

export const POST = route(async (req: Request) => {
  const user = requireRole(await requireUser(req), "PROVIDER");
  const input = await jsonBody(req, body);
  const keys = await submitRotation(rotationDeps(), user.id, {
    newAddress: input.newAddress,
    deadline: input.deadline,
    signatures: input.signatures.map((s) => ({ courseDbId: s.courseDbId, signature: s.signature as `0x${string}` })),
  });
  return NextResponse.json({ keys }, { status: 202 });
});
