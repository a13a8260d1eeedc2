import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Smolitux Academy", template: "%s · Smolitux Academy" },
  description:
    "An open learning marketplace: courses by independent providers, paid by card or wallet, with verifiable certificates.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <div className="container">
            <Link href="/" className="brand">
              Smolitux Academy
            </Link>
            <nav className="nav" aria-label="Main">
              <Link href="/">Courses</Link>
            </nav>
          </div>
        </header>
        <main className="container">{children}</main>
        <footer className="site-footer">
          <div className="container">Smolitux Academy — open courses, open credentials.</div>
        </footer>
      </body>
    </html>
  );
}
