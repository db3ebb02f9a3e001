/**
 * EventBridge (CloudWatch Events) envelopes of CloudTrail events:
 * `{"version":"0","detail-type":"AWS API Call via CloudTrail","source":"aws.s3",…,"detail":{record}}`.
 * The record is `detail` as it is: EventBridge passes the CloudTrail record through unchanged.
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-structure.html
 */
import type { BatchBuilder } from './batches.ts';

type Obj = Record<string, unknown>;

/** Adds the record of one envelope that `kindOfValue` called `eventbridge`. */
export function fromEnvelope(envelope: Obj, out: BatchBuilder): void {
  out.add('eventbridge', envelope.detail, out.take());
}

const VIA_CLOUDTRAIL = /via CloudTrail$/;

/** The JSON type of a value as a reader would name it: `null`, `array`, `string`, ... */
const jsonTypeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/**
 * Rejects an envelope `kindOfValue` called `eventbridge-other`, naming what is wrong with it: a
 * CloudTrail detail-type whose `detail` is not an object (the record is broken, at `/detail`),
 * or another detail-type (an EC2 state change, a GuardDuty finding), which holds no CloudTrail record.
 */
export function rejectOtherEnvelope(envelope: Obj, out: BatchBuilder): void {
  const type = envelope['detail-type'];
  const detailType = JSON.stringify(type);
  if (typeof type === 'string' && VIA_CLOUDTRAIL.test(type)) {
    const reason = `EventBridge event of detail-type ${detailType}: detail is ${jsonTypeOf(envelope.detail)}, not an object (the CloudTrail record)`;
    out.reject(out.take(), 'validate', reason, '/detail');
    return;
  }
  out.reject(out.take(), 'validate', `EventBridge event of detail-type ${detailType} is not a CloudTrail event (expected "… via CloudTrail")`, '/detail-type');
}
