import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { UserEntity } from '../../../../libs/persistence/src/entities';
import { findActiveUserById } from '../../../../libs/persistence/src/registry';

const CACHE_MS = 30_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The accounts a token may speak for: present and active in the registry. Looked up on every request and
 * kept for 30 s, so a deactivated account or a changed role stops working within half a minute without a
 * query per request.
 */
@Injectable()
export class ActiveAccounts {
  private readonly cache = new Map<string, { user: UserEntity; until: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(userId: string): Promise<UserEntity | null> {
    if (!UUID.test(userId)) return null;
    const cached = this.cache.get(userId);
    if (cached && cached.until > Date.now()) return cached.user;
    const user = await findActiveUserById(this.dataSource, userId);
    // Only accounts that exist are kept, so tokens naming made-up ids cannot grow the cache.
    if (user) this.cache.set(userId, { user, until: Date.now() + CACHE_MS });
    else this.cache.delete(userId);
    return user;
  }
}
