import http from 'node:http';
import type { Socket } from 'node:net';

export interface GracefulServer {
  server: http.Server;
  /**
   * Stops accepting, closes idle keep-alive connections at once, answers what is in flight with
   * `Connection: close`, aborts the `stopping` signal the handler was built with (a request waiting
   * for a process answers at once), and after `graceMs` ends whatever is still open. Resolves once
   * every connection is gone. Calling it again returns the same promise.
   */
  shutdown(graceMs: number): Promise<void>;
}

/**
 * An HTTP server that can stop in order. `server.close()` alone waits for every keep-alive
 * connection to go idle, which a client that keeps sending never lets happen; and a request that
 * waits for something (a process taking a person's step) would hold its connection until the grace
 * cuts it without an answer. So the handler is built over the server's `stopping` signal and hands
 * it to whatever waits.
 */
export function gracefulServer(handlerFor: (stopping: AbortSignal) => http.RequestListener): GracefulServer {
  const stopping = new AbortController();
  const handler = handlerFor(stopping.signal);
  let closing: Promise<void> | undefined;
  const sockets = new Set<Socket>();
  const inFlight = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    if (closing) res.setHeader('Connection', 'close');
    handler(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  function shutdown(graceMs: number): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        // The bound is reached: what is still running is cut short.
        for (const socket of sockets) socket.destroy();
      }, graceMs);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      server.closeIdleConnections();
      stopping.abort();
    });
    return closing;
  }

  return { server, shutdown };
}
