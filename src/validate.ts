/**
 * Schema validation of CloudTrail documents and records (pure).
 *
 * The three validators are compiled once, at module load, from the JSON Schemas in `schemas/`.
 * Each check returns a list of issues; the shared empty list means "valid".
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import fileSchema from '../schemas/cloudtrail-file.schema.json' with { type: 'json' };
import recordSchema from '../schemas/cloudtrail-record.schema.json' with { type: 'json' };
import supportSchema from '../schemas/support-record.schema.json' with { type: 'json' };
import type { ValidationIssue } from './types.ts';

// allErrors: false stops at the first problem: a record is rejected whole, so one reason is enough,
// and ajv's early exit is what makes validation cheap. verbose: true only adds `parentSchema` and
// `data` to error objects (built on failure only), which the messages below use.
const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true, verbose: true });

const checkFile: ValidateFunction = ajv.compile(fileSchema);
const checkRecord: ValidateFunction = ajv.compile(recordSchema);
const checkSupport: ValidateFunction = ajv.compile(supportSchema);

// Partial records (built from console CSV columns or lookup-events summaries) hold only what
// those summaries say: the same field types as a record, but only eventTime, eventSource and
// eventName are required, and no identity type (the summaries do not carry one). Derived from
// the record schema so the field rules stay in one place.
const { if: _if, else: _else, required: _required, $id: _id, ...recordRules } = recordSchema;
const checkPartial: ValidateFunction = ajv.compile({
  ...recordRules,
  $id: 'urn:cloudtrail-support:schema:cloudtrail-record-partial',
  title: 'CloudTrail event record, partial (built from summary columns)',
  required: ['eventTime', 'eventSource', 'eventName'],
});

/** Returned for every valid value, so that the valid path allocates nothing. */
const NO_ISSUES = Object.freeze([]) as unknown as ValidationIssue[];

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
  return checkRecord(record) ? NO_ISSUES : toIssues(checkRecord.errors);
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
  return checkPartial(record) ? NO_ISSUES : toIssues(checkPartial.errors);
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
