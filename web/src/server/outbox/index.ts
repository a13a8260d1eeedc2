/** The outbox of platform-signed transactions (ARCHITECTURE rule 3): enqueue, builders, sender, read model. */
export {
  enqueue,
  OutboxConflictError,
  outboxPayloadSchema,
  type EnqueueInput,
  type OutboxDb,
  type OutboxPayload,
} from "./enqueue.ts";
export {
  KIND_SIGNER,
  listCourse,
  mintCertificate,
  OUTBOX_KINDS,
  recordCardPurchase,
  revokeCardPurchase,
  revokeCertificate,
  setProviderWithSig,
  type ListCourseArgs,
  type SetProviderWithSigArgs,
  type MintCertificateArgs,
  type OutboxKind,
  type OutboxRequest,
  type RecordCardPurchaseArgs,
} from "./kinds.ts";
export { finalityFrom, lastFinalBlock, type Finality } from "./finality.ts";
export { decodeRevert, type DecodedRevert } from "./revert.ts";
export {
  createOutboxSender,
  type OutboxLogger,
  type OutboxSender,
  type SenderOptions,
  type TickSummary,
} from "./sender.ts";
export { outboxStatus, type OutboxStatusView } from "./status.ts";
export { reconcileOutboxWithChain, type ReconcileSummary } from "./reconcile.ts";
