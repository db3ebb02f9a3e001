/**
 * Sidecar documents that sit beside log files but hold no events: digest files, the output of
 * `aws cloudtrail list-public-keys`, and signature maps for `verify`. Recognised by content so a
 * folder holding them is read without false rejects. Pure.
 */
import type { FileKind } from '../types.ts';
import { isObject } from './parse.ts';

const HEX = /^[0-9a-f]+$/i;

/** The kind to skip a parsed document as ('digest' or 'other'), or undefined when it is not a sidecar. */
export function sidecarKind(document: unknown): Exclude<FileKind, 'log' | 'insight'> | undefined {
  if (!isObject(document)) return undefined;
  if (typeof document.digestStartTime === 'string' && Array.isArray(document.logFiles)) return 'digest';
  if (Array.isArray(document.PublicKeyList)) return 'other';
  const entries = Object.entries(document);
  const isSignatureMap = entries.length > 0 &&
    entries.every(([key, value]) => key.includes('CloudTrail-Digest') && typeof value === 'string' && HEX.test(value));
  return isSignatureMap ? 'other' : undefined;
}
