/**
 * The fee rule of provider payouts for card sales (issue 15). All amounts are integers in the smallest
 * unit of the sale's currency (cents), as `bigint`.
 *
 * provider share = price − platform fee − Stripe fee share, where
 * - platform fee = ⌊price × platformFeeBps / 10 000⌋ with the basis points fixed on the sale at checkout
 *   (rounded down, in the provider's favour, like the escrow contract's `splitAmount`);
 * - Stripe fee = the `fee` of the charge's balance transaction. When the balance transaction is in another
 *   currency than the sale (the platform settles in one currency), the fee is converted with the balance
 *   transaction's own rate: ⌈fee × price / balanceAmount⌉;
 * - Stripe fee share = the provider's part of that fee, in proportion to its part of the price:
 *   ⌊stripeFee × (price − platform fee) / price⌋ — the platform bears the rest of the processing fee.
 * The share is never negative; a sale whose fees exceed its price pays 0 (no transfer is sent).
 */

/** The split of one card sale. */
export interface PayoutSplit {
  gross: bigint;
  platformFee: bigint;
  stripeFeeShare: bigint;
  /** what the provider receives */
  providerAmount: bigint;
}

/** Basis-point denominator. */
export const BPS = 10_000n;

/**
 * The Stripe fee of a charge in the sale's currency.
 * @param fee `balance_transaction.fee` (smallest unit of the balance transaction's currency)
 * @param balanceAmount `balance_transaction.amount` (same unit)
 * @param sameCurrency whether the balance transaction is in the sale's currency
 * @param gross the sale price (smallest unit of the sale's currency)
 */
export function stripeFeeInSaleCurrency(
  fee: bigint,
  balanceAmount: bigint,
  sameCurrency: boolean,
  gross: bigint,
): bigint {
  if (fee <= 0n) return 0n;
  if (sameCurrency || balanceAmount <= 0n) return fee;
  return (fee * gross + balanceAmount - 1n) / balanceAmount;
}

/**
 * Splits a card sale (see the module comment for the rule).
 * @param gross price paid (> 0, smallest unit)
 * @param platformFeeBps 0…10 000
 * @param stripeFee the Stripe fee in the sale's currency (0 when unknown)
 * @throws RangeError for a negative price or basis points outside 0…10 000
 */
export function splitCardSale(gross: bigint, platformFeeBps: number, stripeFee: bigint): PayoutSplit {
  if (gross < 0n) throw new RangeError("price must not be negative");
  if (!Number.isInteger(platformFeeBps) || platformFeeBps < 0 || platformFeeBps > 10_000) {
    throw new RangeError("platformFeeBps must be an integer in 0…10000");
  }
  const platformFee = (gross * BigInt(platformFeeBps)) / BPS;
  const fee = stripeFee < 0n ? 0n : stripeFee;
  const stripeFeeShare = gross === 0n ? 0n : (fee * (gross - platformFee)) / gross;
  const rest = gross - platformFee - stripeFeeShare;
  return { gross, platformFee, stripeFeeShare, providerAmount: rest < 0n ? 0n : rest };
}
