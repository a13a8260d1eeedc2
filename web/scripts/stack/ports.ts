/** Local port helpers for the dev stack. */
import net from "node:net";

/** Resolves to a TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * A free port that is none of `avoid`: the OS may hand out a port another part of the stack has chosen
 * but not bound yet (e.g. the chain port while PostgreSQL starts first).
 * @throws Error after 50 attempts (practically impossible)
 */
export async function freePortExcept(avoid: Iterable<number>, pick: () => Promise<number> = freePort): Promise<number> {
  const taken = new Set(avoid);
  for (let i = 0; i < 50; i++) {
    const port = await pick();
    if (!taken.has(port)) return port;
  }
  throw new Error("no free TCP port found outside the reserved ones");
}

/** True when something accepts TCP connections on 127.0.0.1:`port`. */
export function portInUse(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
