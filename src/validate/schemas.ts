/**
 * Schema validation of CloudTrail documents and records (pure).
 *
 * The validators are ajv's standalone code for the JSON Schemas in `schemas/`, compiled ahead of
 * time by `schemas/compile.ts` into `validators.generated.ts` (so start-up compiles nothing).
 * Each check returns a list of issues; the shared empty list means "valid".
 */
import type { ErrorObject } from 'ajv';
import type { ValidationIssue } from '../types.ts';
import { hasRealDate } from '../read/utc-time.ts';
import { MAX_RECORD_DEPTH, nestedDeeperThan } from './nesting.ts';
import * as generated from './validators.generated.ts';

/** A compiled validator: true when valid, else the reason in `errors`. */
interface Check {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const { checkFile, checkRecord, checkPartial, checkSupport } = generated as Record<'checkFile' | 'checkRecord' | 'checkPartial' | 'checkSupport', Check>;

/** Returned for every valid value, so that the valid path allocates nothing. */
const NO_ISSUES = Object.freeze([]) as unknown as ValidationIssue[];

/**
 * A record nested deeper than every thread can check and serialise: rejected before the schema
 * (whose checks, and the error message's rendering of a value, recurse), the same on any thread.
 */
const TOO_DEEP: ValidationIssue[] = Object.freeze([
  Object.freeze({
    pointer: '',
    message: `record is nested more than ${MAX_RECORD_DEPTH.toLocaleString('en')} levels deep (the limit every thread can process)`,
  }),
]) as unknown as ValidationIssue[];

/**
 * Checks the document of one delivery file: an object with a `Records` array.
 * The records themselves are not checked here; see {@link validateRecord}.
 *
 * @param doc - the parsed JSON document of the file
 * @returns the issues found, or a shared frozen empty array when the document is valid
 */
export function validateEnvelope(doc: unknown): ValidationIssue[] {
  return checkFile(doc) ? NO_ISSUES : toIssues(checkFile.errors);
}

/**
 * Checks one CloudTrail event record against `schemas/cloudtrail-record.schema.json`.
 *
 * @param record - one element of a file's `Records` array (or an equivalent bare record)
 * @returns the first issue found (with a JSON pointer into the record), or a shared frozen empty
 *   array when the record is valid
 */
export function validateRecord(record: unknown): ValidationIssue[] {
  if (nestedDeeperThan(record)) return TOO_DEEP;
  return checkRecord(record) ? realEventTime(record) : toIssues(checkRecord.errors);
}

/**
 * What the schema's pattern cannot say: that `eventTime` is a date that exists (the pattern lets
 * 2026-02-30 through). Called on records that passed the schema, so eventTime has its form (the
 * time is checked by the pattern; a leap second :60 is a real time).
 */
function realEventTime(record: unknown): ValidationIssue[] {
  const eventTime = (record as { eventTime?: unknown }).eventTime;
  if (typeof eventTime !== 'string' || hasRealDate(eventTime)) return NO_ISSUES;
  return [{ pointer: '/eventTime', message: `/eventTime: must be a real UTC date and time, got ${show(eventTime)} (no such date)` }];
}

/**
 * Checks a partial record (built from the console CSV columns or a lookup-events summary without
 * CloudTrailEvent): the field types of the record schema, but only eventTime, eventSource and
 * eventName are required.
 *
 * @param record - a record marked partial by the shape reader
 * @returns the first issue found, or a shared frozen empty array when the record is valid
 */
export function validatePartialRecord(record: unknown): ValidationIssue[] {
  if (nestedDeeperThan(record)) return TOO_DEEP;
  return checkPartial(record) ? realEventTime(record) : toIssues(checkPartial.errors);
}

/**
 * Checks the extra constraints of AWS Support records (`schemas/support-record.schema.json`):
 * a Support event source, and the types of the Support API parameters when present.
 * Call it only on records that already passed {@link validateRecord}.
 *
 * @param record - a CloudTrail record that passed {@link validateRecord}
 * @returns the first issue found, or a shared frozen empty array when the record is valid
 */
export function validateSupportRecord(record: unknown): ValidationIssue[] {
  return checkSupport(record) ? NO_ISSUES : toIssues(checkSupport.errors);
}

function toIssues(errors: ErrorObject[] | null | undefined): ValidationIssue[] {
  // With allErrors: false the first error is the cause; later ones (an "if" failing because its
  // "else" failed) only restate it.
  const first = errors?.[0];
  if (first === undefined) return [{ pointer: '', message: 'invalid (no detail from the validator)' }];
  return [toIssue(first)];
}

function toIssue(e: ErrorObject): ValidationIssue {
  let pointer = e.instancePath;
  let text: string;
  switch (e.keyword) {
    case 'required':
      // Point at the missing property itself, not at the object that lacks it.
      pointer += '/' + escapePointer(String(e.params.missingProperty));
      text = 'required property is missing';
      break;
    case 'type':
      text = `must be ${article(String(e.params.type))}, got ${kindOf(e.data)}`;
      break;
    case 'enum':
      text = `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}, got ${show(e.data)}`;
      break;
    case 'pattern': {
      const description = (e.parentSchema as { description?: unknown } | undefined)?.description;
      text = `must be ${typeof description === 'string' ? description : `a string matching ${e.params.pattern}`}, got ${show(e.data)}`;
      break;
    }
    default:
      text = e.message ?? `fails the "${e.keyword}" rule`;
  }
  return { pointer, message: pointer === '' ? text : `${pointer}: ${text}` };
}

/** RFC 6901 escaping of one reference token. */
function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function article(type: string): string {
  if (type.includes(',')) return type.split(',').join(' or ');
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${show(value)}`;
}

/** A short JSON rendering of a bad value, so a reject line shows what was there. */
function show(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? json.slice(0, 57) + '...' : json;
}
