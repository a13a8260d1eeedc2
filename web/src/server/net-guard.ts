/**
 * Outbound connection guard of offline mode (`OFFLINE_MODE=true`): every TCP connection this process opens
 * — `fetch` (undici), `http`/`https`, `pg`, SDK clients — goes through `net.Socket.prototype.connect`, which
 * this module wraps. A connection to an address outside loopback (127.0.0.0/8, ::1) and the configured LAN
 * ranges (`LAN_NETWORKS`, CIDR list) is refused before any packet leaves: the socket emits an error with code
 * `ERR_OFFLINE_REFUSED` and the refusal is logged. Host names are resolved first and every resolved address
 * must be allowed. Unix sockets and IPC pipes are always allowed.
 *
 * Installed by `src/instrumentation.ts` (web) and the worker's main when offline mode is on.
 */
import dns from "node:dns";
import net from "node:net";

/** Error code of a refused outbound connection. */
export const OFFLINE_REFUSED = "ERR_OFFLINE_REFUSED";

/** A parsed network range (`10.0.0.0/8`, `fd00::/8`). */
export interface Cidr {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

/**
 * Parses one CIDR range.
 * @throws Error with a readable message for a malformed range
 */
export function parseCidr(text: string): Cidr {
  const [address = "", bits] = text.trim().split("/");
  const version = net.isIP(address);
  if (version === 0) throw new Error(`"${text}" is not an IP range (expected e.g. 192.168.0.0/16)`);
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) throw new Error(`"${text}" has an invalid prefix`);
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

/** Loopback ranges, always allowed. */
const LOOPBACK: readonly Cidr[] = [parseCidr("127.0.0.0/8"), parseCidr("::1/128")];

/** The allow-list of loopback plus `lan` ranges. */
export function allowList(lan: readonly Cidr[]): net.BlockList {
  const list = new net.BlockList();
  for (const c of [...LOOPBACK, ...lan]) list.addSubnet(c.address, c.prefix, c.family);
  return list;
}

/** Whether the IP literal `ip` lies inside `list` (IPv4-mapped IPv6 addresses count as IPv4). */
export function isAllowedAddress(list: net.BlockList, ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const addr = mapped ?? ip;
  const family = net.isIP(addr);
  if (family === 0) return false;
  return list.check(addr, family === 4 ? "ipv4" : "ipv6");
}

/** Whether a URL's host is loopback or inside `lan` without resolving names (only `localhost` is trusted). */
export function isAllowedUrl(url: string, lan: readonly Cidr[]): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  return isAllowedAddress(allowList(lan), host);
}

/** One refused connection attempt. */
export interface RefusedConnection {
  host: string;
  port: number | null;
  /** the resolved address that is outside the allowed ranges (equals host for IP literals) */
  address: string;
}

/** Options of {@link installNetGuard}. */
export interface NetGuardOptions {
  /** LAN ranges besides loopback */
  lan: readonly Cidr[];
  /** called once per refused attempt (default: one JSON line on stderr) */
  onRefused?: (r: RefusedConnection) => void;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;
type LookupFn = (hostname: string, options: dns.LookupOptions, cb: LookupCallback) => void;

let installed: { restore(): void } | null = null;

function refusedError(r: RefusedConnection): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(
    `offline mode: outbound connection to ${r.host}${r.port === null ? "" : `:${r.port}`} (${r.address}) refused — ` +
      "only loopback and LAN_NETWORKS are allowed",
  );
  err.code = OFFLINE_REFUSED;
  return err;
}

function defaultOnRefused(r: RefusedConnection): void {
  process.stderr.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: "warn", name: "net-guard", msg: "outbound connection refused", ...r })}\n`,
  );
}

/** Normalizes the overloaded `socket.connect(...)` arguments to an options object (or null for IPC paths). */
function connectOptions(args: unknown[]): (net.TcpSocketConnectOpts & { lookup?: LookupFn }) | null {
  const [first, second] = args;
  if (typeof first === "object" && first !== null) {
    const o = first as { path?: unknown; port?: unknown };
    if (typeof o.path === "string" && o.port === undefined) return null; // IPC (http passes path: null)
    return first as net.TcpSocketConnectOpts;
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return null; // a pipe path
  return { port: Number(first), host: typeof second === "string" ? second : "localhost" };
}

/**
 * Wraps `net.Socket.prototype.connect` so that only allowed addresses are reached. Idempotent; returns a
 * handle whose `restore()` removes the guard (tests).
 */
export function installNetGuard(opts: NetGuardOptions): { restore(): void } {
  if (installed) return installed;
  const list = allowList(opts.lan);
  const onRefused = opts.onRefused ?? defaultOnRefused;
  const proto = net.Socket.prototype as unknown as { connect: (...args: unknown[]) => net.Socket };
  const original = proto.connect;

  proto.connect = function guardedConnect(this: net.Socket, ...given: unknown[]): net.Socket {
    // net.connect() passes its normalized arguments as one array: [options, callback]
    const args = Array.isArray(given[0]) ? (given[0] as unknown[]) : given;
    const options = connectOptions(args);
    if (!options) return original.apply(this, given);
    const host = options.host ?? "localhost";
    const port = options.port === undefined ? null : Number(options.port);
    if (net.isIP(host.replace(/^\[|\]$/g, ""))) {
      const address = host.replace(/^\[|\]$/g, "");
      if (isAllowedAddress(list, address)) return original.apply(this, given);
      const r = { host, port, address };
      onRefused(r);
      process.nextTick(() => this.destroy(refusedError(r)));
      return this;
    }
    // A host name: check every address the resolver returns before the socket connects to it.
    const baseLookup: LookupFn = options.lookup ?? (dns.lookup as unknown as LookupFn);
    const guardedLookup: LookupFn = (hostname, lookupOpts, cb) => {
      baseLookup(hostname, lookupOpts, (err, address, family) => {
        if (err) return cb(err, address, family);
        const all = Array.isArray(address) ? address.map((a) => a.address) : [address];
        const bad = all.find((a) => !isAllowedAddress(list, a));
        if (bad !== undefined) {
          const r = { host: hostname, port, address: bad };
          onRefused(r);
          return cb(refusedError(r), address, family);
        }
        cb(null, address, family);
      });
    };
    const [, ...rest] = args;
    const callback = rest.find((a) => typeof a === "function");
    return original.call(this, { ...options, lookup: guardedLookup }, ...(callback ? [callback] : []));
  };
  installed = {
    restore() {
      proto.connect = original;
      installed = null;
    },
  };
  return installed;
}

/** Parses `LAN_NETWORKS` (comma-separated CIDR list; empty = loopback only). */
export function parseLanNetworks(text: string): Cidr[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map(parseCidr);
}
