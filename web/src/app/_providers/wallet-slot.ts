/** id of the header element wallet routes render RainbowKit's connect button into (see header-wallet-button.tsx) */
export const HEADER_WALLET_SLOT_ID = "header-wallet";
