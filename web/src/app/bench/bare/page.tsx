/** Baseline page for `bench:catalog`: the same layout as every page, no data access. */
export default function BareBenchPage() {
  return <p>bare</p>;
}
