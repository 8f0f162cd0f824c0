import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ownerFundAccounts } from '../../../../libs/persistence/src/fund-journal';
import { ownerUnits } from '../../../../libs/persistence/src/registry';
import { findVote, ownerRollObjections, ownerVotes } from '../../../../libs/persistence/src/votes';
import type { Principal } from '../auth/principal';
import { notFound } from '../common/api-error';

/** 我的: what an owner sees of their own — units with certificates, votes they are on the roll of, fund accounts. */
@Injectable()
export class MineService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  units(principal: Principal) {
    return ownerUnits(this.dataSource, principal.ownerId!);
  }

  votes(principal: Principal) {
    return ownerVotes(this.dataSource, principal.ownerId!);
  }

  fundAccounts(principal: Principal) {
    return ownerFundAccounts(this.dataSource, principal.ownerId!);
  }

  async objections(principal: Principal, voteId: string) {
    if (!(await findVote(this.dataSource, voteId))) throw notFound('VOTE_NOT_FOUND', '表决不存在');
    return ownerRollObjections(this.dataSource, voteId, principal.ownerId!);
  }
}
