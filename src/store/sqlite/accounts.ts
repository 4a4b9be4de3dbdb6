/**
 * Users, API tokens and sessions in the SQLite archive (hashes only; see src/store/accounts.ts).
 */
import {
  AccountExistsError,
  type Account,
  type AccountStore,
  type Role,
  type SessionRecord,
} from '../accounts.js';
import type { SqliteDatabase } from './database.js';

interface UserRow {
  id: number;
  name: string;
  role: Role;
  created_at: string;
}

export class SqliteAccounts implements AccountStore {
  constructor(private readonly db: SqliteDatabase) {}

  async addUser(name: string, role: Role): Promise<Account> {
    try {
      const id = this.db
        .prepare('INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)')
        .run(name, role, new Date().toISOString()).lastInsertRowid;
      return toAccount(this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw new AccountExistsError(name);
      throw error;
    }
  }

  async getUser(name: string): Promise<Account | null> {
    const row = this.db.prepare('SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;
    return row ? toAccount(row) : null;
  }

  async listUsers(): Promise<Account[]> {
    return (this.db.prepare('SELECT * FROM users ORDER BY name').all() as UserRow[]).map(toAccount);
  }

  async addToken(userId: number, tokenHash: string, label: string): Promise<void> {
    this.db
      .prepare('INSERT INTO api_tokens (hash, user_id, label, created_at) VALUES (?, ?, ?, ?)')
      .run(tokenHash, userId, label, new Date().toISOString());
  }

  async findUserByToken(tokenHash: string): Promise<Account | null> {
    const row = this.db
      .prepare('SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ?')
      .get(tokenHash) as UserRow | undefined;
    return row ? toAccount(row) : null;
  }

  async addSession(sessionHash: string, userId: number, csrfHash: string, expiresAt: Date): Promise<void> {
    this.db
      .prepare('INSERT INTO sessions (hash, user_id, csrf_hash, expires_at) VALUES (?, ?, ?, ?)')
      .run(sessionHash, userId, csrfHash, expiresAt.toISOString());
  }

  async findSession(sessionHash: string, now: Date): Promise<SessionRecord | null> {
    const row = this.db
      .prepare(
        `SELECT u.*, s.csrf_hash AS csrf_hash, s.expires_at AS expires_at
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.hash = ? AND s.expires_at > ?`,
      )
      .get(sessionHash, now.toISOString()) as
      (UserRow & { csrf_hash: string; expires_at: string }) | undefined;
    return row ? { account: toAccount(row), csrfHash: row.csrf_hash, expiresAt: row.expires_at } : null;
  }

  async deleteSession(sessionHash: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE hash = ?').run(sessionHash);
  }
}

function toAccount(row: UserRow): Account {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at };
}
