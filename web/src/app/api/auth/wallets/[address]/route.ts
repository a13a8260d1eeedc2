/** DELETE /api/auth/wallets/<address> — unlink; 409 when it is the account's last sign-in method. */
import { addressSchema } from "@/features/auth/schemas.ts";
import { unlinkWallet } from "@/features/auth/wallets.ts";
import { reconcileUserEnrollments } from "@/features/enrollment/service.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { parseInput, route } from "@/server/http.ts";

export const DELETE = route(async (req: Request, ctx: { params: Promise<{ address: string }> }) => {
  const user = await requireUser(req);
  const address = parseInput(addressSchema, decodeURIComponent((await ctx.params).address));
  // In one transaction: purchases of that wallet stop granting this account access (card access never
  // depends on wallets: card sales are recorded against the account's stable address).
  await unlinkWallet(db(), user.id, address, { onChange: (tx) => reconcileUserEnrollments(tx, user.id) });
  return new Response(null, { status: 204 });
});
