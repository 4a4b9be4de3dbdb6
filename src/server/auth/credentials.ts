/**
 * Secrets: API tokens, session ids and CSRF tokens are 256 random bits; only their sha256 is
 * stored. A slow hash (scrypt) protects low-entropy passwords; for random 256-bit secrets a
 * single sha256 is already beyond guessing, and it lets a token be found by an index lookup.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new random secret, e.g. `dcl_…` for API tokens (the prefix makes a leaked token easy to spot). */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares a presented secret with a stored hash in constant time. */
export function matchesHash(secret: string, hash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

export const API_TOKEN_PREFIX = 'dcl_';
