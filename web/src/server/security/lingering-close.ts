/**
 * Lingering close (RFC 9112 §9.6, "Tear-down"; the `lingering_close` of nginx and Apache): when the server
 * answers before it has read the whole request body and closes the connection (`Connection: close`, e.g. the
 * 413/405 of `/api/refused-body`, server/security/page-body.ts), Node.js closes the socket at once. The kernel
 * then sees unread body bytes and sends a TCP reset, which can reach the client before it has read the answer:
 * the client sees "connection reset" (or EPIPE while still sending) instead of the 413.
 *
 * With this installed, such a connection is half-closed instead (FIN after the answer), the socket stops
 * reading — so no more of the body is taken and memory stays bounded by the kernel's socket buffers — and it is
 * destroyed after {@link LINGER_MS} or as soon as the client closes its side, whichever comes first. Requests
 * whose body was read completely are closed as before.
 *
 * Hooks Node.js's documented `http.server.response.finish` diagnostics channel (published just before the
 * server decides to close the socket), so it works for `next start` and the standalone server alike.
 */
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/** How long a half-closed connection with an unread request body is kept before it is destroyed: milliseconds. */
export const LINGER_MS = 1000;

/** The message of the `http.server.response.finish` channel (Node.js docs, "Built-in channels"). */
interface ResponseFinish {
  request: IncomingMessage;
  socket: Socket;
}

let installed: ((message: unknown) => void) | undefined;

/**
 * Subscribes the lingering close to every HTTP server of this process. Idempotent: a second call changes
 * nothing (the first `lingerMs` stays).
 * @param lingerMs how long (milliseconds, > 0) a connection with an unread body stays half-closed
 * @throws RangeError when `lingerMs` is not a positive finite number
 */
export function installLingeringClose(lingerMs: number = LINGER_MS): void {
  if (!(lingerMs > 0 && Number.isFinite(lingerMs))) throw new RangeError(`lingerMs must be > 0, got ${lingerMs}`);
  if (installed) return;
  installed = (message: unknown) => {
    const { request, socket } = message as ResponseFinish;
    if (request.complete || socket.destroyed) return;
    // Node.js calls `destroySoon()` right after this message when the answer ends the connection.
    socket.destroySoon = function lingerThenDestroy(this: Socket) {
      this.end();
      // Node.js resumes the request (to drain it) on the next tick; stop reading after that.
      setImmediate(() => this.pause());
      setTimeout(() => this.destroy(), lingerMs).unref();
    };
  };
  subscribe("http.server.response.finish", installed);
}
