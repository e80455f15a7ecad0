import http from 'node:http';
import type { Socket } from 'node:net';

export interface GracefulServer {
  server: http.Server;
  /**
   * Stops accepting, closes idle keep-alive connections at once, answers what is in flight with
   * `Connection: close`, and after `graceMs` ends whatever is still open. Resolves once every
   * connection is gone. Calling it again returns the same promise.
   */
  shutdown(graceMs: number): Promise<void>;
}

/**
 * An HTTP server that can stop in order. `server.close()` alone waits for every keep-alive
 * connection to go idle, which a client that keeps sending never lets happen.
 */
export function gracefulServer(handler: http.RequestListener): GracefulServer {
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
    });
    return closing;
  }

  return { server, shutdown };
}
