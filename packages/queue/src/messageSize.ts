import type { MessageAttributeValue } from '@aws-sdk/client-sqs';

/**
 * The size SQS counts against its limit: the body's UTF-8 bytes plus, per attribute, the bytes of
 * its name, its data type and its value.
 */
export function messageSize(
  body: string,
  attributes: Readonly<Record<string, MessageAttributeValue>> = {},
): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, attribute] of Object.entries(attributes)) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(attribute.DataType ?? '', 'utf8');
    if (attribute.StringValue !== undefined) size += Buffer.byteLength(attribute.StringValue, 'utf8');
    if (attribute.BinaryValue !== undefined) size += attribute.BinaryValue.byteLength;
  }
  return size;
}
