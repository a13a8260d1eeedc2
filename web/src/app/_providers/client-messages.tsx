import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { pickMessages } from "@/i18n/client-messages";

/**
 * Gives the client components below it the messages of `namespaces` (dotted, see i18n/client-messages.ts), or all
 * messages with `all`. It replaces the messages of the provider above it (next-intl does not merge them), so the
 * list must hold every namespace the client components below use; `i18n/client-messages.test.ts` checks that.
 */
export async function ClientMessages(
  props: { children: ReactNode } & ({ namespaces: readonly string[] } | { all: true }),
) {
  const messages = await getMessages();
  return (
    <NextIntlClientProvider messages={"all" in props ? messages : pickMessages(messages, props.namespaces)}>
      {props.children}
    </NextIntlClientProvider>
  );
}

/** Layout of the routes whose client components get every message (signed-in and provider pages). */
export function AllMessagesLayout({ children }: { children: ReactNode }) {
  return <ClientMessages all>{children}</ClientMessages>;
}
