// The loader hook of trace-imports.mjs: appends each resolved module URL to CTS_TRACE_IMPORTS.
import process from 'node:process';
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (process.env.CTS_TRACE_IMPORTS) appendFileSync(process.env.CTS_TRACE_IMPORTS, `${resolved.url}\n`);
  return resolved;
}
