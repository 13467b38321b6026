import type { HttpRequest, HttpResponse } from '@smithy/types';

/**
 * An AWS SDK request handler that sends through a given `fetch`: how the tools' tests put a local
 * stand-in behind an SDK client without a network. Production code leaves the SDK's own handler.
 */
export function fetchRequestHandler(fetchImpl: typeof fetch) {
  return {
    async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
      const query = new URLSearchParams(
        Object.entries(request.query ?? {}).flatMap(([key, value]) =>
          (Array.isArray(value) ? value : [value ?? '']).map((v): [string, string] => [key, v]),
        ),
      ).toString();
      const port = request.port ? `:${request.port}` : '';
      const url = `${request.protocol}//${request.hostname}${port}${request.path}${query ? `?${query}` : ''}`;
      const response = await fetchImpl(url, {
        method: request.method,
        headers: request.headers,
        body: request.body as RequestInit['body'],
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => (headers[key] = value));
      return {
        response: {
          statusCode: response.status,
          headers,
          body: new Uint8Array(await response.arrayBuffer()),
        } as HttpResponse,
      };
    },
  };
}
