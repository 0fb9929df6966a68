import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';

/*
 * The database holds learner names, sealed private keys and session CSRF tokens, so only the
 * service's user may read it. SQLite creates a database 0644 (less the umask) and gives its
 * -wal and -shm files the database file's mode; so the file is created 0600 before SQLite
 * opens it, and one an earlier version left readable by others is made private.
 */

const PRIVATE = 0o600;

/** Creates the database file 0600 if it is new, and takes other users' access off an existing one and its -wal and -shm. */
export function makeDatabaseFilesPrivate(path: string): void {
  if (path === '' || path === ':memory:' || path.startsWith('file:')) return;
  if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE);
  }
}
