import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { UserEntity } from '../../../../libs/persistence/src/entities';
import { findActiveUser, getJurisdiction, listActiveAccounts } from '../../../../libs/persistence/src/registry';

/** The seeded accounts the development login signs tokens for. */
@Injectable()
export class DevAccountsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  activeUser(username: string): Promise<UserEntity | null> {
    return findActiveUser(this.dataSource, username);
  }

  /** Every active account, for the development login page. */
  list() {
    return listActiveAccounts(this.dataSource);
  }

  async jurisdictionPath(code: string): Promise<string> {
    return (await getJurisdiction(this.dataSource, code)).path;
  }
}
