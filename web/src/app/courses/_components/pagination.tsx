import Link from "next/link";
import { useTranslations } from "next-intl";

/** Page numbers to show: first, last, and two either side of the current one (0 = gap). */
export function pageWindow(page: number, pages: number): number[] {
  const out: number[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 2) out.push(p);
    else if (out[out.length - 1] !== 0) out.push(0);
  }
  return out;
}

/** Accessible pagination: a labelled nav, `aria-current="page"`, previous/next links (no prefetch: a render each). */
export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  const t = useTranslations("catalog.pagination");
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("label")} className="pagination">
      <p className="sr-only">{t("of", { page, pages })}</p>
      <ul>
        {page > 1 && (
          <li>
            <Link href={href(page - 1)} rel="prev" prefetch={false}>
              {t("previous")}
            </Link>
          </li>
        )}
        {pageWindow(page, pages).map((p, i) =>
          p === 0 ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              <Link
                href={href(p)}
                prefetch={false}
                aria-label={t("page", { page: p })}
                aria-current={p === page ? "page" : undefined}
              >
                {p}
              </Link>
            </li>
          ),
        )}
        {page < pages && (
          <li>
            <Link href={href(page + 1)} rel="next" prefetch={false}>
              {t("next")}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
