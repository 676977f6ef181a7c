// Where the tests find the shared data (../shared), and one rule for a test that lacks it or a tool: skip loudly, or fail under CI=true.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** CI sets CI=true, and lays the shared data beside the repository: there a missing prerequisite is a failure. */
export const IS_CI = process.env.CI === 'true';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The shared folder beside the repository (../shared), or $HANDCAST_SHARED_DIR when set: point that at an empty folder
 * to see which tests need the data (they skip, or fail under CI=true).
 */
export const SHARED_DIR = process.env.HANDCAST_SHARED_DIR ? path.resolve(process.env.HANDCAST_SHARED_DIR) : path.resolve(REPO_ROOT, '..', 'shared');

/** A path inside the shared folder. */
export const sharedPath = (relative: string): string => path.join(SHARED_DIR, relative);

/**
 * `what` cannot run here, for `reason`: under CI=true this throws (the file or the test fails); otherwise it prints
 * the reason where nobody can miss it and returns the message, for describe.skipIf / it.skipIf or ctx.skip.
 */
export function skipOrFailInCi(what: string, reason: string): string {
  if (IS_CI) throw new Error(`${what} cannot run under CI=true: ${reason}`);
  const message = `${what} skipped: ${reason}`;
  console.warn(`\n*** ${message} ***\n`);
  return message;
}

/** Null when every path (relative to the shared folder) exists; otherwise skipOrFailInCi naming the missing ones. */
export function sharedDataMissing(what: string, ...relativePaths: string[]): string | null {
  const absent = relativePaths.map(sharedPath).filter((file) => !existsSync(file));
  return absent.length === 0 ? null : skipOrFailInCi(what, `the shared data is missing at ${absent.join(', ')}`);
}
