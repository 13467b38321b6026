import { buildEventBridgeEvent } from '../../src/buildEventBridgeEvent';

describe('Function: buildEventBridgeEvent', () => {
  it('keeps the real envelope and sets detail, detail-type and source', () => {
    const event = buildEventBridgeEvent({
      detail: { correlationId: 'c-1' },
      detailType: 'OrderPlaced',
      source: 'orders',
    });

    expect(event).toMatchObject({
      version: '0',
      id: 'cdc73f9d-aea9-11e3-9d5a-835b769c0d9c',
      'detail-type': 'OrderPlaced',
      source: 'orders',
      detail: { correlationId: 'c-1' },
    });
  });

  it('defaults to the scheduled-event sample', () => {
    expect(buildEventBridgeEvent({ detail: {} })).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
    });
  });
});
