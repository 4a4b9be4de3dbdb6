/**
 * What each role may do. Anyone (no account) reads published records; every account may read
 * embargoed ones; editors publish and unpublish and read the audit log; admins add users.
 */
import type { Account, Role } from '../../store/accounts.js';
import { PUBLIC_VIEWER, type Viewer } from '../../store/visibility.js';

export type Permission = 'read-unpublished' | 'publish' | 'read-audit' | 'manage-users';

const PERMISSIONS: Record<Role, readonly Permission[]> = {
  reader: ['read-unpublished'],
  editor: ['read-unpublished', 'publish', 'read-audit'],
  admin: ['read-unpublished', 'publish', 'read-audit', 'manage-users'],
};

export function can(account: Account | null, permission: Permission): boolean {
  return account !== null && PERMISSIONS[account.role].includes(permission);
}

export function viewerOf(account: Account | null): Viewer {
  return can(account, 'read-unpublished') ? { canSeeUnpublished: true } : PUBLIC_VIEWER;
}
