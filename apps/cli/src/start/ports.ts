/** Waiting for a local TCP port to open or close (127.0.0.1). */
import net from 'node:net';

function isOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function waitUntil(port: number, open: boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await isOpen(port)) !== open) {
    if (Date.now() > deadline) {
      throw new Error(`port ${port} did not ${open ? 'open' : 'close'} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const waitForPort = (port: number, timeoutMs: number): Promise<void> =>
  waitUntil(port, true, timeoutMs);

export const waitForPortClosed = (port: number, timeoutMs: number): Promise<void> =>
  waitUntil(port, false, timeoutMs);
