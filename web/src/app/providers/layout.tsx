import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_providers/client-messages";
import { CLIENT_NAMESPACES } from "@/i18n/client-messages";

/** Provider storefronts: their client components get only the messages they use. */
export default function ProvidersLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={CLIENT_NAMESPACES.providers}>{children}</ClientMessages>;
}
