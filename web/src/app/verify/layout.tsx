/** Every message reaches this route's client components (i18n/client-messages.ts). */
export { AllMessagesLayout as default } from "@/app/_providers/client-messages";
