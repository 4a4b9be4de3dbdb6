/**
 * Creating users and their API tokens (shared by `declass user add` and `POST /api/users`):
 * the token is returned once and only its hash is stored.
 */
import type { Account, AccountStore, Role } from '../../store/accounts.js';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from './credentials.js';

export async function createUserWithToken(
  accounts: AccountStore,
  name: string,
  role: Role,
): Promise<{ account: Account; token: string }> {
  if (!/^[\p{L}\p{N}._@-]{1,64}$/u.test(name)) {
    throw new Error(
      `"${name}" is not a usable user name: use 1 to 64 letters, digits, dots, dashes, @ or _.`,
    );
  }
  const account = await accounts.addUser(name, role);
  const token = await issueToken(accounts, account, 'created with the user');
  return { account, token };
}

export async function issueToken(accounts: AccountStore, account: Account, label: string): Promise<string> {
  const token = newSecret(API_TOKEN_PREFIX);
  await accounts.addToken(account.id, hashSecret(token), label);
  return token;
}
