/** Base class of the errors of this package. */
export class ServiceCallError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServiceCallError';
  }
}

/** The client is not wired: its stack did not grant the call, or a route or parameter is wrong. */
export class ServiceClientConfigError extends ServiceCallError {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceClientConfigError';
  }
}

/** The called service answered with something that is not its standard response (e.g. API Gateway's 403). */
export class UnexpectedResponseError extends ServiceCallError {
  constructor(
    readonly service: string,
    readonly routeKey: string,
    readonly statusCode: number,
    readonly body: string,
  ) {
    super(
      `${service} answered ${routeKey} with HTTP ${statusCode} and no standard response: ${body.slice(0, 200)}` +
        (statusCode === 403
          ? `. A 403 from API Gateway means the invoker role may not call this route: add it to the caller's routes in services.${service}.routes of stacks/topology.ts.`
          : ''),
    );
    this.name = 'UnexpectedResponseError';
  }
}
