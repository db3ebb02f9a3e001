/**
 * The seeded generator of realistic CloudTrail archives: public face of bench/generate.
 */
export { generateArchive, type ArchiveSummary } from './archive.ts';
export { signingString, type DeliveredLog } from './digests.ts';
export { loadSigningKey, publicKeysDocument, TEST_KEY_URL, type SigningKey } from './keys.ts';
export { digestKey, insightKey, KEY_PATTERNS, logKey, type Place } from './layout.ts';
export type { ArchiveOptions } from './options.ts';
export { Rng } from './rng.ts';
export { STORY_KINDS, type StoryKind } from './stories.ts';
export { SUPPORT_STANDALONE } from './support-api.ts';
export { OTHER_SUPPORT_EVENTS, SUPPORT_SOURCES } from './support-sources.ts';
