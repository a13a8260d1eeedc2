/** Server-side: the client chain config of this deployment (read from env at request time). */
import { publicChainConfig, type PublicChainConfig } from "@/features/checkout/crypto/config";
import { platformContracts } from "@/server/contracts";
import { env } from "@/server/env";

/** {@link PublicChainConfig} from the process env and the generated contract module (no secrets). */
export function webChainConfig(): PublicChainConfig {
  return publicChainConfig(env(), platformContracts);
}
