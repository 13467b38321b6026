import { MAX_QUANTITY, recordSale } from '../../src/domain/record-sale';

describe('recordSale', () => {
  it('does the work of one message', async () => {
    await expect(recordSale({ id: 'm-1', quantity: 3 })).resolves.toEqual({ id: 'm-1', units: 3 });
  });

  it('refuses a message over the limit', async () => {
    await expect(recordSale({ id: 'm-2', quantity: MAX_QUANTITY + 1 })).rejects.toThrow(/m-2/);
  });
});
