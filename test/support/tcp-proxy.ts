/**
 * A TCP proxy in front of a server (the shared PostgreSQL) that a test can sever: `down()`
 * destroys every proxied connection (clients see ECONNRESET / "Connection terminated") and stops
 * listening (new connections are refused, ECONNREFUSED); `up()` listens again on the same port.
 * That is what a crashed or restarting PostgreSQL looks like to the api and the worker, without
 * stopping the server other suites share.
 */
import net from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** `url` with its host and port pointing at the proxy. */
  via(url: string): string;
  down(): Promise<void>;
  up(): Promise<void>;
  /**
   * Severs (as `down`) the moment a client sends bytes containing `marker` (e.g. the `COPY` of
   * a mining stream), before they reach the server; resolves when it did.
   */
  downOn(marker: string): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let trigger: { marker: string; fire: () => void } | null = null;
  let server: net.Server | null = null;
  let port = 0;

  const sever = (): void => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };

  const listen = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        sockets.add(client);
        sockets.add(upstream);
        const drop = (): void => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop);
        upstream.on('error', drop);
        client.on('close', drop);
        upstream.on('close', drop);
        client.on('data', (chunk: Buffer) => {
          if (trigger && chunk.includes(trigger.marker, 0, 'latin1')) {
            const fire = trigger.fire;
            trigger = null;
            void proxy.down().then(fire);
            return;
          }
          upstream.write(chunk);
        });
        upstream.pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        const address = s.address();
        port = typeof address === 'object' && address ? address.port : port;
        server = s;
        resolve();
      });
    });

  const proxy: TcpProxy = {
    get port() {
      return port;
    },
    via(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    async down() {
      const s = server;
      server = null;
      sever();
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async up() {
      if (!server) await listen();
    },
    downOn(marker) {
      return new Promise<void>((resolve) => (trigger = { marker, fire: resolve }));
    },
    async close() {
      trigger = null;
      await proxy.down();
    },
  };
  await listen();
  return proxy;
}
