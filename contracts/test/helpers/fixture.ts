import type { NetworkConnection } from "hardhat/types/network";
import { parseEther, parseSignature, zeroAddress, type Address, type Hex } from "viem";

import LocalModule from "../../ignition/modules/Local.ts";
import { courseIdToBytes32 } from "../../src/courseId.ts";

export const DAY = 24n * 60n * 60n;
export const NATIVE = zeroAddress;
export const NATIVE_PRICE = parseEther("1");
export const TOKEN_PRICE = parseEther("50");
export const NATIVE_COURSE = courseIdToBytes32("course-native");
export const TOKEN_COURSE = courseIdToBytes32("course-esn");
export const FEE_BPS = 1_000n;

type Viem = NetworkConnection["viem"];

/**
 * The local Ignition module (the same one deploy:local uses) plus two listings and funded buyers.
 * Accounts: 0 admin, 1 catalog, 2 payment oracle, 3 certificate minter, 4 treasury, 5 provider,
 * 6 buyer, 7 second buyer / gift recipient, 8 stranger.
 */
export async function deployPlatform(connection: NetworkConnection) {
  const { viem, ignition } = connection;
  const { esnToken, certificate, marketplace } = await ignition.deploy(LocalModule);
  const wallets = await viem.getWalletClients();
  const [admin, catalog, oracle, minter, treasury, provider, buyer, learner, stranger] = wallets;
  if (!admin || !catalog || !oracle || !minter || !treasury || !provider || !buyer || !learner || !stranger) {
    throw new Error("expected at least 9 accounts");
  }
  const publicClient = await viem.getPublicClient();

  const mp = (wallet: typeof admin) =>
    viem.getContractAt("CourseMarketplace", marketplace.address, { client: { wallet } });
  const esn = (wallet: typeof admin) => viem.getContractAt("ESNToken", esnToken.address, { client: { wallet } });
  const cert = (wallet: typeof admin) =>
    viem.getContractAt("CourseCertificate", certificate.address, { client: { wallet } });

  await (
    await mp(catalog)
  ).write.setListing([NATIVE_COURSE, NATIVE, provider.account.address, NATIVE_PRICE, Number(14n * DAY), true]);
  await (
    await mp(catalog)
  ).write.setListing([TOKEN_COURSE, esnToken.address, provider.account.address, TOKEN_PRICE, Number(7n * DAY), true]);
  for (const wallet of [buyer, learner, stranger]) {
    await (await esn(treasury)).write.transfer([wallet.account.address, parseEther("10000")]);
  }

  return {
    viem,
    publicClient,
    esnToken,
    certificate,
    marketplace,
    accounts: { admin, catalog, oracle, minter, treasury, provider, buyer, learner, stranger },
    mp,
    esn,
    cert,
  };
}

export type Platform = Awaited<ReturnType<typeof deployPlatform>>;

/** Signs an EIP-2612 permit of the ESN token. */
export async function signPermit(
  viem: Viem,
  token: { address: Address; read: { nonces: (args: [Address]) => Promise<bigint> } },
  owner: Awaited<ReturnType<Viem["getWalletClients"]>>[number],
  spender: Address,
  value: bigint,
  deadline: bigint,
): Promise<{ v: number; r: Hex; s: Hex }> {
  const chainId = await (await viem.getPublicClient()).getChainId();
  const nonce = await token.read.nonces([owner.account.address]);
  const signature = await owner.signTypedData({
    domain: { name: "ESN Token", version: "1", chainId, verifyingContract: token.address },
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
    message: { owner: owner.account.address, spender, value, nonce, deadline },
  });
  const { r, s, yParity } = parseSignature(signature);
  return { v: 27 + yParity, r, s };
}
