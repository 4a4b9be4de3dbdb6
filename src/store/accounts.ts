/**
 * Accounts as the engines store them: users with a role, API tokens and web sessions. Only
 * hashes of tokens and session secrets are stored; minting and hashing live in
 * `src/server/auth`, so a stolen database yields no usable credential.
 */
export const ROLES = ['admin', 'editor', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export interface Account {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
}

export interface SessionRecord {
  account: Account;
  /** sha256 of the session's CSRF token, compared against the request header's hash. */
  csrfHash: string;
  expiresAt: string;
}

export interface AccountStore {
  /** Creates a user; throws AccountExistsError when the name is taken. */
  addUser(name: string, role: Role): Promise<Account>;
  getUser(name: string): Promise<Account | null>;
  listUsers(): Promise<Account[]>;
  addToken(userId: number, tokenHash: string, label: string): Promise<void>;
  findUserByToken(tokenHash: string): Promise<Account | null>;
  addSession(sessionHash: string, userId: number, csrfHash: string, expiresAt: Date): Promise<void>;
  /** The session when it exists and has not expired at `now`. */
  findSession(sessionHash: string, now: Date): Promise<SessionRecord | null>;
  deleteSession(sessionHash: string): Promise<void>;
}

export class AccountExistsError extends Error {
  constructor(name: string) {
    super(`a user named "${name}" already exists; choose another name.`);
    this.name = 'AccountExistsError';
  }
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
