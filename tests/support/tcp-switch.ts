import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../../scripts/lib/processes';

/**
 * A local port forwarded to a real server, which a test can take down (connections cut, new ones refused)
 * and bring back on the same port: a server outage without stopping the server the other tests share.
 */
export interface TcpSwitch {
  port: number;
  down(): Promise<void>;
  up(): Promise<void>;
}

export async function tcpSwitch(target: string, port?: number): Promise<TcpSwitch> {
  const [host, targetPort] = target.split(':');
  const listenPort = port ?? (await freePort());
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const up = () =>
    new Promise<void>((resolve) => {
      server = createServer((inbound) => {
        const outbound = connect(Number(targetPort), host);
        for (const socket of [inbound, outbound]) {
          sockets.add(socket);
          socket.on('error', () => undefined).on('close', () => sockets.delete(socket));
        }
        inbound.pipe(outbound).pipe(inbound);
      });
      server.listen(listenPort, '127.0.0.1', resolve);
    });
  const down = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  return { port: listenPort, down, up };
}
