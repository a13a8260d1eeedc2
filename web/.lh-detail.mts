import { spawn } from "node:child_process";
import lighthouse from "lighthouse";
import { writeFileSync, mkdtempSync } from "node:fs";
const url = process.argv[2]!; const out = process.argv[3]!;
const dir = mkdtempSync("/tmp/h-speed/lhprof-");
const proc = spawn("/usr/bin/chromium", ["--headless=new","--remote-debugging-port=0",`--user-data-dir=${dir}`,"--no-sandbox","--disable-gpu","--no-first-run","--disable-background-networking","--disable-component-update","--disable-sync","--disable-extensions","about:blank"], { stdio: ["ignore","ignore","pipe"] });
const port = await new Promise<number>((res) => { let b = ""; proc.stderr!.on("data", (c) => { b += c; const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(b); if (m) res(Number(m[1])); }); });
const r = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
proc.kill();
const lhr = r!.lhr;
writeFileSync(out, JSON.stringify(lhr));
const a = lhr.audits;
console.log("score", lhr.categories.performance.score, "FCP", a["first-contentful-paint"].displayValue, "LCP", a["largest-contentful-paint"].displayValue, "TBT", a["total-blocking-time"].displayValue, "SI", a["speed-index"].displayValue, "CLS", a["cumulative-layout-shift"].displayValue);
const el = (a["largest-contentful-paint-element"]?.details as any)?.items?.[0]?.items?.[0]?.node;
console.log("LCP element", el?.snippet, el?.selector);
console.log("LCP phases", JSON.stringify((a["largest-contentful-paint-element"]?.details as any)?.items?.[1]?.items));
for (const id of ["render-blocking-resources","bootup-time","mainthread-work-breakdown","unused-javascript","network-requests"]) { const d = a[id]; if (!d) continue; console.log(id, d.displayValue, JSON.stringify((d.details as any)?.items?.slice(0, 12)?.map((i: any) => ({u: i.url?.slice(-60), g: i.groupLabel, t: i.total ?? i.duration ?? i.wastedMs, s: i.scripting, tr: i.transferSize, st: i.networkRequestTime, et: i.networkEndTime, rt: i.resourceType, p: i.priority})))); }
