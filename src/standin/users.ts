import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StandinUser } from './context.js';

/**
 * Users of the stand-in server and their API keys, persisted in
 * `<dataDir>/users.json` (mode 0600). Seeded on first start with `demo`
 * (Administrator) and `artist` (User), each with a random key.
 */

/** A user given through `createStandinServer({ users })`. */
export interface StandinUserOption {
  username: string;
  /** Defaults to the key stored for this user, else a new random one. */
  apiKey?: string;
  roles?: string[];
  firstName?: string;
  lastName?: string;
  email?: string;
}

const DEFAULT_USERS: Omit<StandinUser, 'id' | 'apiKey'>[] = [
  { username: 'demo', roles: ['Administrator'], firstName: 'Demo', lastName: 'User', email: 'demo@example.com' },
  { username: 'artist', roles: ['User'], firstName: 'Ada', lastName: 'Artist', email: 'artist@example.com' },
];

export function generateApiKey(): string {
  // Shaped like an ftrack key (a UUID) so tools that validate the format accept it.
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function sameKey(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class UserRegistry {
  private readonly file: string;
  private users: StandinUser[];

  constructor(dataDir: string, overrides: readonly StandinUserOption[] = []) {
    this.file = join(dataDir, 'users.json');
    const stored = existsSync(this.file) ? ((JSON.parse(readFileSync(this.file, 'utf8')) as { users?: StandinUser[] }).users ?? []) : [];
    const users = stored.length > 0 ? stored : DEFAULT_USERS.map((u) => ({ ...u, id: randomUUID(), apiKey: generateApiKey() }));
    // Given users come first (the first one is the server's apiUser), then the others.
    const given: StandinUser[] = overrides.map((o) => {
      const existing = users.find((u) => u.username === o.username);
      return {
        ...(existing ?? { id: randomUUID(), roles: ['Administrator'] }),
        username: o.username,
        apiKey: o.apiKey ?? existing?.apiKey ?? generateApiKey(),
        ...(o.roles ? { roles: o.roles } : {}),
        ...(o.firstName !== undefined ? { firstName: o.firstName } : {}),
        ...(o.lastName !== undefined ? { lastName: o.lastName } : {}),
        ...(o.email !== undefined ? { email: o.email } : {}),
      };
    });
    this.users = [...given, ...users.filter((u) => !given.some((g) => g.username === u.username))];
    this.save();
  }

  private save(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ users: this.users }, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  list(): StandinUser[] {
    return this.users.map((u) => ({ ...u, roles: [...u.roles] }));
  }

  authenticate(username: string, apiKey: string): StandinUser | undefined {
    const user = this.users.find((u) => u.username === username);
    return user && sameKey(user.apiKey, apiKey) ? user : undefined;
  }

  byId(id: string): StandinUser | undefined {
    return this.users.find((u) => u.id === id);
  }

  /** Adds a user (e.g. a `User` entity created through the API) with a new random key; returns it. */
  add(user: Omit<StandinUser, 'apiKey'>): StandinUser {
    if (this.users.some((u) => u.username === user.username || u.id === user.id)) {
      throw new Error(`A stand-in user with username "${user.username}" or id ${user.id} already exists`);
    }
    const added = { ...user, roles: [...user.roles], apiKey: generateApiKey() };
    this.users.push(added);
    this.save();
    return added;
  }

  /** Gives a user a new random API key (the `reset_remote` action); undefined when unknown. */
  resetApiKey(userId: string): string | undefined {
    const user = this.byId(userId);
    if (!user) return undefined;
    user.apiKey = generateApiKey();
    this.save();
    return user.apiKey;
  }
}
