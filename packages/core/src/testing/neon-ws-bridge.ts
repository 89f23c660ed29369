/**
 * A local stand-in for Neon's WebSocket proxy: each WebSocket connection is piped to the TCP address
 * in its `address` query parameter (or the default target), so `@neondatabase/serverless` can talk
 * to a plain PostgreSQL. Frames that arrive before the TCP socket connects are buffered.
 */
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { WebSocketServer } from 'ws';

export interface NeonBridge {
  /** The value for neonConfig.wsProxy: "127.0.0.1:PORT/v1". */
  wsProxy: string;
  close(): Promise<void>;
}

export async function startNeonBridge(target: { host: string; port: number }): Promise<NeonBridge> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/v1' });
  server.on('connection', (socket, request) => {
    const address = new URL(request.url ?? '/', 'http://bridge').searchParams.get('address');
    const [host, port] = address
      ? [address.split(':')[0]!, Number(address.split(':')[1] ?? 5432)]
      : [target.host, target.port];
    const tcp = net.connect({ host: host === 'localhost' ? '127.0.0.1' : host, port });
    const pending: Buffer[] = [];
    let connected = false;
    tcp.on('connect', () => {
      connected = true;
      for (const chunk of pending.splice(0)) tcp.write(chunk);
    });
    socket.on('message', (data: Buffer) => (connected ? tcp.write(data) : pending.push(Buffer.from(data))));
    tcp.on('data', (chunk) => socket.readyState === socket.OPEN && socket.send(chunk));
    tcp.on('close', () => socket.close());
    tcp.on('error', () => socket.close());
    socket.on('close', () => tcp.destroy());
    socket.on('error', () => tcp.destroy());
  });
  await new Promise<void>((resolve) => server.on('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    wsProxy: `127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
