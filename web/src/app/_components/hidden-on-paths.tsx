"use client";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** Renders `children` except on the given paths (exact match), so a layout's part can step aside on some pages. */
export function HiddenOnPaths({ paths, children }: { paths: readonly string[]; children: ReactNode }) {
  const pathname = usePathname();
  return paths.includes(pathname) ? null : children;
}
