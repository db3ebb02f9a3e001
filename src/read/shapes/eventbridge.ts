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

/** Rejects an envelope of another detail-type (an EC2 state change, a GuardDuty finding): it holds no CloudTrail record. */
export function rejectOtherEnvelope(envelope: Obj, out: BatchBuilder): void {
  const detailType = JSON.stringify(envelope['detail-type']);
  out.reject(out.take(), 'validate', `EventBridge event of detail-type ${detailType} is not a CloudTrail event (expected "… via CloudTrail")`, '/detail-type');
}
