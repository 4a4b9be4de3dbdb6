/**
 * Users, API tokens and sessions in PostgreSQL (hashes only; see src/store/accounts.ts).
 */
import {
  AccountExistsError,
  type Account,
  type AccountStore,
  type Role,
  type SessionRecord,
} from '../accounts.js';
import type { Pool } from './database.js';

interface UserRow {
  id: number;
  name: string;
  role: Role;
  created_at: Date;
}

export class PostgresAccounts implements AccountStore {
  constructor(private readonly pool: Pool) {}

  async addUser(name: string, role: Role): Promise<Account> {
    try {
      const result = await this.pool.query<UserRow>(
        'INSERT INTO users (name, role) VALUES ($1, $2) RETURNING *',
        [name, role],
      );
      return toAccount(result.rows[0]!);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new AccountExistsError(name);
      throw error;
    }
  }

  async getUser(name: string): Promise<Account | null> {
    const result = await this.pool.query<UserRow>('SELECT * FROM users WHERE name = $1', [name]);
    return result.rows[0] ? toAccount(result.rows[0]) : null;
  }

  async listUsers(): Promise<Account[]> {
    const result = await this.pool.query<UserRow>('SELECT * FROM users ORDER BY name COLLATE "C"');
    return result.rows.map(toAccount);
  }

  async addToken(userId: number, tokenHash: string, label: string): Promise<void> {
    await this.pool.query('INSERT INTO api_tokens (hash, user_id, label) VALUES ($1, $2, $3)', [
      tokenHash,
      userId,
      label,
    ]);
  }

  async findUserByToken(tokenHash: string): Promise<Account | null> {
    const result = await this.pool.query<UserRow>(
      'SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = $1',
      [tokenHash],
    );
    return result.rows[0] ? toAccount(result.rows[0]) : null;
  }

  async addSession(sessionHash: string, userId: number, csrfHash: string, expiresAt: Date): Promise<void> {
    await this.pool.query(
      'INSERT INTO sessions (hash, user_id, csrf_hash, expires_at) VALUES ($1, $2, $3, $4)',
      [sessionHash, userId, csrfHash, expiresAt],
    );
  }

  async findSession(sessionHash: string, now: Date): Promise<SessionRecord | null> {
    const result = await this.pool.query<UserRow & { csrf_hash: string; expires_at: Date }>(
      `SELECT u.*, s.csrf_hash, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.hash = $1 AND s.expires_at > $2`,
      [sessionHash, now],
    );
    const row = result.rows[0];
    return row
      ? { account: toAccount(row), csrfHash: row.csrf_hash, expiresAt: row.expires_at.toISOString() }
      : null;
  }

  async deleteSession(sessionHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE hash = $1', [sessionHash]);
  }
}

function toAccount(row: UserRow): Account {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at.toISOString() };
}
