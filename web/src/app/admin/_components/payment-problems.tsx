/**
 * /admin "Payment problems" (platform admins): card payments refunded automatically or waiting for that
 * refund, and signed Stripe events stored as failed. Read-only; data from features/checkout/card/problems.
 */
import { getFormatter, getTranslations } from "next-intl/server";
import type { PaymentProblems as Problems } from "@/features/checkout/card/problems";

const money = (cents: string, currency: string) => `${(Number(cents) / 100).toFixed(2)} ${currency}`;

export async function PaymentProblems({ problems }: { problems: Problems }) {
  const t = await getTranslations("admin.payments");
  const format = await getFormatter();
  return (
    <section data-testid="payment-problems" aria-labelledby="payment-problems-title">
      <h2 id="payment-problems-title">{t("title")}</h2>
      <p className="muted">{t("lead")}</p>
      {problems.payments.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("when")}</th>
              <th>{t("learner")}</th>
              <th>{t("course")}</th>
              <th>{t("amount")}</th>
              <th>{t("problem")}</th>
              <th>{t("refund")}</th>
            </tr>
          </thead>
          <tbody>
            {problems.payments.map((p) => (
              <tr key={p.id} data-problem={p.problem} data-status={p.status}>
                <td>{format.dateTime(new Date(p.updatedAt), { dateStyle: "medium", timeStyle: "short" })}</td>
                <td>{p.user.email ?? p.user.name}</td>
                <td>{p.course.title}</td>
                <td>{money(p.amount, p.currency)}</td>
                <td>
                  {t(`problems.${p.problem}`)}
                  {p.problemDetail && <code className="muted"> {p.problemDetail.slice(0, 160)}</code>}
                </td>
                <td>
                  {p.status === "REFUNDED"
                    ? t("refunded")
                    : p.refundError
                      ? t("refundError", { error: p.refundError })
                      : t("refunding")}
                  {p.refundId && <code className="muted"> {p.refundId}</code>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t("events.title")}</h3>
      {problems.events.length === 0 ? (
        <p className="muted">{t("events.none")}</p>
      ) : (
        <table data-testid="failed-stripe-events">
          <thead>
            <tr>
              <th>{t("when")}</th>
              <th>{t("events.event")}</th>
              <th>{t("events.error")}</th>
            </tr>
          </thead>
          <tbody>
            {problems.events.map((e) => (
              <tr key={e.id}>
                <td>{format.dateTime(new Date(e.receivedAt), { dateStyle: "medium", timeStyle: "short" })}</td>
                <td>
                  <code>{e.type}</code> <code className="muted">{e.id}</code>
                </td>
                <td>
                  <code>{e.error.slice(0, 300)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
