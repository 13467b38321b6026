// A real DynamoDB server (dynalite) for tests and local invokes, bound to 127.0.0.1 only.
import dynalite from 'dynalite';

/** @returns {Promise<{ endpoint: string, port: number, stop: () => Promise<void> }>} */
export async function startLocalDynamoDb({ port = 0 } = {}) {
  // Tables become ACTIVE at once: no waiting on a simulated AWS delay.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: actual } = server.address();
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    port: actual,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
