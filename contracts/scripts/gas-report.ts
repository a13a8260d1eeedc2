/**
 * Gas benchmark: deploys the local module into an in-process Hardhat network and prints the
 * `gasUsed` of each transaction (from receipts, so including the 21,000 base cost) next to its budget.
 * Run: `pnpm --filter @smolitux/contracts bench:gas` (= `hardhat run scripts/gas-report.ts`).
 */
import { network } from "hardhat";
import { parseEther, parseSignature, type Hash } from "viem";

import LocalModule from "../ignition/modules/Local.ts";
import { courseIdToBytes32 } from "../src/courseId.ts";
import { cidParts } from "../test/helpers/cid.ts";

const { viem, ignition, networkHelpers } = await network.create();
const publicClient = await viem.getPublicClient();
const [, catalog, , minter, , provider, buyer, buyer2] = await viem.getWalletClients();
if (!catalog || !minter || !provider || !buyer || !buyer2) throw new Error("not enough accounts");

const { esnToken, marketplace, certificate } = await ignition.deploy(LocalModule);
const chainId = await publicClient.getChainId();

const rows: { action: string; gasUsed: bigint; budget?: bigint }[] = [];
async function measure(action: string, hash: Promise<Hash>, budget?: bigint): Promise<void> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
  if (receipt.status !== "success") throw new Error(`${action} reverted`);
  rows.push({ action, gasUsed: receipt.gasUsed, budget });
}

const as = <T extends { address: `0x${string}` }>(contract: T, client: typeof buyer) =>
  viem.getContractAt("CourseMarketplace", contract.address, { client: { wallet: client } });

const nativeCourse = courseIdToBytes32("bench-native");
const erc20Course = courseIdToBytes32("bench-erc20");
const permitCourse = courseIdToBytes32("bench-permit");
const nativePrice = parseEther("1");
const tokenPrice = parseEther("25");
const esn = esnToken.address;
const zero = "0x0000000000000000000000000000000000000000";

const mpCatalog = await as(marketplace, catalog);
const mpBuyer = await as(marketplace, buyer);
const mpBuyer2 = await as(marketplace, buyer2);
const mpProvider = await as(marketplace, provider);
const day = 24 * 60 * 60;

await measure(
  "setListing (new listing, catalog key)",
  mpCatalog.write.setListing([nativeCourse, zero, provider.account.address, nativePrice, 14 * day, true]),
);
await measure(
  "setListing (2nd token of a listed course, provider)",
  mpProvider.write.setListing([nativeCourse, esn, provider.account.address, tokenPrice, 14 * day, true]),
);
await mpCatalog.write.setListing([erc20Course, esn, provider.account.address, tokenPrice, 14 * day, true]);
await mpCatalog.write.setListing([permitCourse, esn, provider.account.address, tokenPrice, 14 * day, true]);

// Fund buyers with ESN from the treasury (account 4).
const [, , , , treasury] = await viem.getWalletClients();
if (!treasury) throw new Error("no treasury account");
const esnTreasury = await viem.getContractAt("ESNToken", esn, { client: { wallet: treasury } });
await esnTreasury.write.transfer([buyer.account.address, parseEther("1000")]);
await esnTreasury.write.transfer([buyer2.account.address, parseEther("1000")]);

await measure(
  "purchase (native coin)",
  mpBuyer.write.purchase([nativeCourse, buyer.account.address, zero, nativePrice, 14 * day], { value: nativePrice }),
  78_000n,
);

const esnBuyer = await viem.getContractAt("ESNToken", esn, { client: { wallet: buyer } });
await esnBuyer.write.approve([marketplace.address, tokenPrice]);
await measure(
  "purchase (ERC-20 after approve; marketplace's first ESN ever: fresh balance slot)",
  mpBuyer.write.purchase([erc20Course, buyer.account.address, esn, tokenPrice, 14 * day]),
  120_000n,
);
const steadyCourse = courseIdToBytes32("bench-erc20-steady");
await mpCatalog.write.setListing([steadyCourse, esn, provider.account.address, tokenPrice, 14 * day, true]);
await esnBuyer.write.approve([marketplace.address, tokenPrice]);
await measure(
  "purchase (ERC-20 after approve; steady state)",
  mpBuyer.write.purchase([steadyCourse, buyer.account.address, esn, tokenPrice, 14 * day]),
  98_000n,
);

const deadline = BigInt((await publicClient.getBlock()).timestamp) + 3600n;
const nonce = await esnToken.read.nonces([buyer2.account.address]);
const signature = await buyer2.signTypedData({
  domain: { name: "ESN Token", version: "1", chainId, verifyingContract: esn },
  types: {
    Permit: [
      { name: "owner", type: "address" },
      { name: "spender", type: "address" },
      { name: "value", type: "uint256" },
      { name: "nonce", type: "uint256" },
      { name: "deadline", type: "uint256" },
    ],
  },
  primaryType: "Permit",
  message: { owner: buyer2.account.address, spender: marketplace.address, value: tokenPrice, nonce, deadline },
});
const { r, s, yParity } = parseSignature(signature);
await measure(
  "purchaseWithPermit (ERC-20, permit in the same tx)",
  mpBuyer2.write.purchaseWithPermit([
    permitCourse,
    buyer2.account.address,
    esn,
    tokenPrice,
    14 * day,
    deadline,
    27 + yParity,
    r,
    s,
  ]),
);

await measure("refund (ERC-20 purchase, before the deadline)", mpBuyer.write.refund([erc20Course]));
await networkHelpers.time.increase(15 * day);
await measure(
  "release (native purchase, after the deadline)",
  mpBuyer2.write.release([buyer.account.address, nativeCourse]),
);
await measure("withdraw (native coin, provider)", mpProvider.write.withdraw([zero]));

// Batch payout: 10 matured native sales of one provider released in one transaction, then withdrawn.
// Budget: 10 single releases would cost ~10 × the single release above; the batch must stay under a
// third of that (the provider's and treasury's balances are written once per run, not per sale).
const batchCourses = Array.from({ length: 10 }, (_, i) => courseIdToBytes32(`bench-batch-${i}`));
for (const c of batchCourses) {
  await mpCatalog.write.setListing([c, zero, provider.account.address, nativePrice, day, true]);
  await mpBuyer.write.purchase([c, buyer.account.address, zero, nativePrice, day], { value: nativePrice });
}
await networkHelpers.time.increase(2 * day);
const singleRelease = rows.find((r) => r.action.startsWith("release ("))!.gasUsed;
const batchBudget = (singleRelease * 10n) / 3n;
await measure(
  "releaseMany (10 matured sales of one provider)",
  mpBuyer2.write.releaseMany([batchCourses.map(() => buyer.account.address), batchCourses]),
  batchBudget - 40_000n,
);
await measure("withdraw after releaseMany (provider, native)", mpProvider.write.withdraw([zero]), 40_000n);

// Card sale recorded by the payment oracle (no funds move), with its 14-day card refund deadline.
// Budget: the record before the deadline was stored (102,361) + 2,000 for the window's calldata, the
// bound check and the event's extra word (the deadline shares the purchase's one slot: no extra write).
const [, , oracle] = await viem.getWalletClients();
if (!oracle) throw new Error("no oracle account");
const mpOracle = await as(marketplace, oracle);
await measure(
  "recordCardPurchase (payment oracle, card sale + refund deadline)",
  mpOracle.write.recordCardPurchase([
    courseIdToBytes32("bench-card"),
    buyer2.account.address,
    `0x${"ab".repeat(32)}`,
    14 * day,
  ]),
  104_361n,
);

// Payout rotation with the provider's consent (own transaction).
await measure(
  "setProvider (provider rotates its payout address)",
  mpProvider.write.setProvider([nativeCourse, buyer2.account.address]),
);

const certMinter = await viem.getContractAt("CourseCertificate", certificate.address, { client: { wallet: minter } });
await measure(
  "certificate mint (learner's first certificate)",
  certMinter.write.mint([buyer2.account.address, permitCourse, ...cidParts('{"certificate":1}')]),
  100_000n,
);
await measure(
  "certificate mint (learner's second certificate)",
  certMinter.write.mint([buyer2.account.address, nativeCourse, ...cidParts('{"certificate":2}', 0x0129)]),
  100_000n,
);
const revokedId = await certificate.read.certificateIdFor([buyer2.account.address, nativeCourse]);
await measure("certificate revoke (+ ERC-4906 MetadataUpdate)", certMinter.write.revoke([revokedId, "bench"]));

const width = Math.max(...rows.map((row) => row.action.length));
console.log(`\n${"Transaction".padEnd(width)} | gasUsed | budget  | ok`);
console.log(`${"-".repeat(width)}-|---------|---------|---`);
let failed = false;
for (const row of rows) {
  const ok = row.budget === undefined || row.gasUsed <= row.budget;
  failed ||= !ok;
  console.log(
    `${row.action.padEnd(width)} | ${row.gasUsed.toString().padStart(7)} | ${(row.budget?.toString() ?? "-").padStart(7)} | ${ok ? "✓" : "✗ over budget"}`,
  );
}
if (failed) process.exitCode = 1;
