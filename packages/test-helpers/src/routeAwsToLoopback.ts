/** Loopback endpoints of local AWS stand-ins, by the service id of `AWS_ENDPOINT_URL_<ID>` (e.g. `SQS`, `DYNAMODB`). */
export type LoopbackEndpoints = Readonly<Record<string, string | undefined>>;

/**
 * Points every AWS SDK client of the code under test at the given loopback servers, and any other
 * service at a closed loopback port, with fake credentials: nothing can reach AWS. Throws when an
 * endpoint is missing or not on 127.0.0.1 (the servers' globalSetup did not run), saying how to run.
 */
export function routeAwsToLoopback(endpoints: LoopbackEndpoints, howToRun: string): void {
  for (const [id, url] of Object.entries(endpoints)) {
    if (!url?.startsWith('http://127.0.0.1:')) {
      throw new Error(`No loopback ${id} endpoint (got ${String(url)}). ${howToRun}`);
    }
  }
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    ...Object.fromEntries(Object.entries(endpoints).map(([id, url]) => [`AWS_ENDPOINT_URL_${id}`, url])),
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
}
