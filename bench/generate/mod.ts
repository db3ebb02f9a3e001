/**
 * The seeded generator of realistic CloudTrail archives: public face of bench/generate.
 */
export { type ArchiveSummary, generateArchive } from './archive.ts';
export { type DeliveredLog, signingString } from './digests.ts';
export { loadSigningKey, publicKeysDocument, type SigningKey, TEST_KEY_URL } from './keys.ts';
export { digestKey, insightKey, KEY_PATTERNS, logKey, type Place } from './layout.ts';
export type { ArchiveOptions } from './options.ts';
export { Rng } from './rng.ts';
export { STORY_KINDS, type StoryKind } from './stories.ts';
export { SUPPORT_STANDALONE } from './support-api.ts';
export { OTHER_SUPPORT_EVENTS, SUPPORT_SOURCES } from './support-sources.ts';
