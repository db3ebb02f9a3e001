/**
 * Plain-language reasons for file-system errors, shared by discovery and reading so the ledger
 * says the same thing for the same problem.
 */

/** The reason for an fs error; `missing` words ENOENT for the stage that met it. */
export function errnoReason(err: unknown, missing: string): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return missing;
    case 'ELOOP':
      return 'symlink loop (too many levels of symbolic links)';
    case 'ENAMETOOLONG':
      return 'path too long for the file system';
    case 'EISDIR':
      return 'is a directory';
    default:
      return e?.message ?? String(err);
  }
}
