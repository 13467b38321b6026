// Baseline: a handler with no platform package and no AWS SDK.
export const handler = async (event: { body?: string }) => ({
  statusCode: 200,
  body: JSON.stringify({ status: 'success', message: 'ok', data: event.body ?? null }),
});
