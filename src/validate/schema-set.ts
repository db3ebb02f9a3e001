/**
 * The JSON Schemas the validators are compiled from: the three in `schemas/`, plus the partial
 * record schema derived from the record schema so the field rules stay in one place. Pure data;
 * `schemas/compile.ts` turns it into `src/validate/validators.generated.ts`.
 */
import fileSchema from '../../schemas/cloudtrail-file.schema.json' with { type: 'json' };
import recordSchema from '../../schemas/cloudtrail-record.schema.json' with { type: 'json' };
import supportSchema from '../../schemas/support-record.schema.json' with { type: 'json' };

// Partial records (built from console CSV columns or lookup-events summaries) hold only what
// those summaries say: the same field types as a record, but only eventTime, eventSource and
// eventName are required, and no identity type (the summaries do not carry one).
const { if: _if, else: _else, required: _required, $id: _id, ...recordRules } = recordSchema;
const partialSchema = {
  ...recordRules,
  $id: 'urn:cloudtrail-support:schema:cloudtrail-record-partial',
  title: 'CloudTrail event record, partial (built from summary columns)',
  required: ['eventTime', 'eventSource', 'eventName'],
};

/** Each validator's name in the generated module, and the schema it checks. */
export const SCHEMAS = {
  checkFile: fileSchema,
  checkRecord: recordSchema,
  checkPartial: partialSchema,
  checkSupport: supportSchema,
} as const;
