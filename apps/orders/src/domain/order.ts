/** An order as the business sees it: no AWS types here. */
export interface OrderLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
}

export interface Order {
  readonly orderId: string;
  readonly customerId: string;
  readonly lines: readonly OrderLine[];
}

export interface PricedOrder extends Order {
  readonly totalCents: number;
}

export class InvalidOrderError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid order: ${problems.join('; ')}`);
    this.name = 'InvalidOrderError';
  }
}

export function priceOrder(order: Order): PricedOrder {
  const problems: string[] = [];
  if (order.lines.length === 0) problems.push('lines: an order needs at least one line');
  order.lines.forEach((line, i) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) problems.push(`lines[${i}].quantity must be a positive integer`);
    if (!Number.isInteger(line.unitPriceCents) || line.unitPriceCents < 0) {
      problems.push(`lines[${i}].unitPriceCents must be a non-negative integer`);
    }
  });
  if (problems.length > 0) throw new InvalidOrderError(problems);
  const totalCents = order.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
  return { ...order, totalCents };
}
