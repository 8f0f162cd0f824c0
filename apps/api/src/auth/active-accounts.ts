import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { activeAccountBySubject, type ActiveAccount } from '../../../../libs/persistence/src/credentials';
import type { UserEntity } from '../../../../libs/persistence/src/entities';
import { findActiveUserById } from '../../../../libs/persistence/src/registry';

const CACHE_MS = 30_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entries for 30 s; only what exists is kept, so tokens naming made-up ids cannot grow the cache. */
class ShortCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  async get(key: string, load: () => Promise<T | null>): Promise<T | null> {
    const cached = this.entries.get(key);
    if (cached && cached.until > Date.now()) return cached.value;
    const value = await load();
    if (value) this.entries.set(key, { value, until: Date.now() + CACHE_MS });
    else this.entries.delete(key);
    return value;
  }
}

/**
 * The accounts a token may speak for: present and active in the registry. Looked up on every request and
 * kept for 30 s, so a deactivated account or a changed role stops working within half a minute without a
 * query per request.
 */
@Injectable()
export class ActiveAccounts {
  private readonly byId = new ShortCache<UserEntity>();
  private readonly bySubject = new ShortCache<ActiveAccount>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(userId: string): Promise<UserEntity | null> {
    if (!UUID.test(userId)) return null;
    return this.byId.get(userId, () => findActiveUserById(this.dataSource, userId));
  }

  /** The account linked to the identity provider's subject (users.oidc_subject). */
  findBySubject(subject: string): Promise<ActiveAccount | null> {
    return this.bySubject.get(subject, () => activeAccountBySubject(this.dataSource, subject));
  }
}
