/**
 * Typed access to the platform contracts of the configured chain (addresses, ABIs and deployment
 * blocks from the generated `@smolitux/contracts` module — never hand-written).
 */
import { getAddress, type Address } from "viem";
import { deployedContracts, isDeployedChainId, type DeployedContracts } from "@smolitux/contracts";

type LocalDeployment = DeployedContracts[31337];

/** ABI of CourseMarketplace (identical on every chain). */
export type MarketplaceAbi = LocalDeployment["CourseMarketplace"]["abi"];
/** ABI of CourseCertificate. */
export type CertificateAbi = LocalDeployment["CourseCertificate"]["abi"];
/** ABI of ESNToken. */
export type EsnTokenAbi = LocalDeployment["ESNToken"]["abi"];

/** One deployed contract: checksummed address, ABI, and the block number of its deployment. */
export interface ContractDeployment<TAbi> {
  address: Address;
  abi: TAbi;
  /** Block that created the contract (the indexer starts there). */
  deployBlock: number;
}

/** The platform contracts on one chain. */
export interface PlatformContracts {
  chainId: number;
  CourseMarketplace: ContractDeployment<MarketplaceAbi>;
  CourseCertificate: ContractDeployment<CertificateAbi>;
  ESNToken: ContractDeployment<EsnTokenAbi>;
}

/** Thrown when the generated module has no deployment for the chain. */
export class NoDeploymentError extends Error {
  constructor(readonly chainId: number) {
    const known = Object.keys(deployedContracts).join(", ") || "none";
    super(
      `No platform contracts deployed for chain ${chainId} in @smolitux/contracts (generated/deployedContracts.ts; ` +
        `chains with a deployment: ${known}). Deploy to that chain and regenerate the module, or set CHAIN_ID.`,
    );
    this.name = "NoDeploymentError";
  }
}

/**
 * The platform contracts deployed on `chainId` (normally `env().CHAIN_ID`).
 * @throws NoDeploymentError when the chain has no deployment
 */
export function platformContracts(chainId: number): PlatformContracts {
  if (!isDeployedChainId(chainId)) throw new NoDeploymentError(chainId);
  const chain = deployedContracts[chainId];
  const entry = <TAbi>(c: { address: string; abi: TAbi; deployBlock: number }): ContractDeployment<TAbi> => ({
    address: getAddress(c.address),
    abi: c.abi,
    deployBlock: c.deployBlock,
  });
  return {
    chainId,
    CourseMarketplace: entry(chain.CourseMarketplace),
    CourseCertificate: entry(chain.CourseCertificate),
    ESNToken: entry(chain.ESNToken),
  };
}
