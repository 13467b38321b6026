import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAddressInUse, portInUse } from './errors';

/** Listens on 127.0.0.1 only; a taken port becomes an error naming it and the option to change it. */
export async function listen(server: Server, port: number, what: string, option: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(isAddressInUse(error) ? portInUse(what, port, option, error) : error),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** Closes the server and every connection it holds (keep-alive clients would keep it open). */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
