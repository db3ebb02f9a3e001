// `node --import ./test/_support/trace-imports.mjs ...`: every module URL the process (main thread) resolves is appended to the file CTS_TRACE_IMPORTS names.
import { register } from 'node:module';

register('./trace-hooks.mjs', import.meta.url);
