import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_providers/client-messages";
import { CLIENT_NAMESPACES } from "@/i18n/client-messages";

/** The player: its client components get only the messages they use. */
export default function LearnLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={CLIENT_NAMESPACES.learn}>{children}</ClientMessages>;
}
