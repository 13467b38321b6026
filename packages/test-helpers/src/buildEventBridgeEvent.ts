import type { EventBridgeEvent } from 'aws-lambda';
import { eventBridgeEvent, type EventBridgeEventName } from './loadEvent';

export interface EventBridgeTestEvent<TDetail> {
  readonly detail: TDetail;
  /** @default the sample's ("Scheduled Event") */
  readonly detailType?: string;
  /** @default the sample's ("aws.events") */
  readonly source?: string;
}

/** A real EventBridge event (by default the scheduled-event sample) with the given detail. */
export function buildEventBridgeEvent<TDetail>(
  event: EventBridgeTestEvent<TDetail>,
  name: EventBridgeEventName = 'eventbridge-scheduled.lambda-docs',
): EventBridgeEvent<string, TDetail> {
  const sample = eventBridgeEvent<TDetail>(name);
  return {
    ...sample,
    'detail-type': event.detailType ?? sample['detail-type'],
    source: event.source ?? sample.source,
    detail: event.detail,
  };
}
