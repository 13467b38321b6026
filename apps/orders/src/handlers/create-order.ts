import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { InvalidOrderError, priceOrder, type Order } from '../domain/order';

// AWS glue only: event in -> domain call -> response out.
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  let order: Order;
  try {
    order = JSON.parse(event.body ?? '') as Order;
  } catch {
    return respond(400, { status: 'badRequest', message: 'Body is not valid JSON', data: null });
  }
  try {
    const priced = priceOrder(order);
    return respond(200, { status: 'success', message: 'Order priced', data: priced });
  } catch (error) {
    if (error instanceof InvalidOrderError) {
      return respond(400, { status: 'badRequest', message: 'Invalid order', data: { errors: error.problems } });
    }
    throw error;
  }
}

function respond(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
