import { buildModule } from "@nomicfoundation/ignition-core";

/**
 * Stand-alone ESNToken (e.g. a test token on Polygon Amoy when no ESN token exists there yet).
 * Parameters: `treasury` (receives the supply), `supply` (base units, default 100,000,000 ESN).
 */
export default buildModule("ESNToken", (m) => {
  const esnToken = m.contract("ESNToken", [
    m.getParameter<string>("treasury"),
    m.getParameter("supply", 100_000_000n * 10n ** 18n),
  ]);
  return { esnToken };
});
