import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  findOrCreateOwner,
  findOrCreateVotingSubject,
  findUnit,
  lockUnit,
  transferUnit,
} from '../../../../libs/persistence/src/registry';
import { followUnitTransferOnRolls } from '../../../../libs/persistence/src/votes';
import {
  FIRST_DEPOSIT_PLACEHOLDER,
  firstDepositOwedFen,
  formatFen,
} from '../../../../libs/domain/src/maintenance-fund';
import { unitDeposits } from '../../../../libs/persistence/src/fund-journal';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import type { Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { EstatesService } from './estates.service';
import type { TransferUnitRequest } from './unit-transfers.dto';

/**
 * 产权变更: a unit passes to new owners. The buyer's other units in the estate keep one head between them
 * (司法解释 art 9), co-buyers form one subject. Votes under way follow the registry — the new owner votes —
 * unless the unit's subject has already cast a ballot in that vote, which then stands. The first transfer of an
 * unsold unit is its delivery, refused while its 首期维修资金 is not fully deposited (165号令 art 13).
 */
@Injectable()
export class UnitTransfersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly estates: EstatesService,
  ) {}

  async transfer(principal: Principal, unitId: string, body: TransferUnitRequest) {
    const idNumbers = body.newOwners.map((o) => o.idNumber.toUpperCase());
    if (new Set(idNumbers).size !== idNumbers.length)
      throw new ApiError(422, 'DUPLICATE_OWNER', '新业主名单中有重复的身份证号');
    const unit = await findUnit(this.dataSource, unitId);
    if (!unit) throw notFound('UNIT_NOT_FOUND', '房屋不存在');
    const estate = await this.estates.findVisible(principal, unit.estateId);
    const policy = await localityPolicy(this.dataSource, estate.jurisdictionPath);
    return this.dataSource.transaction(async (m) => {
      await lockUnit(m, unitId);
      const [deposit] = await unitDeposits(m, unit.estateId, [unitId]);
      const rate = policy.maintenanceFund.firstDeposit ?? FIRST_DEPOSIT_PLACEHOLDER;
      const owed = deposit.delivered ? 0 : firstDepositOwedFen(deposit.area, Number(deposit.firstDepositFen), rate);
      if (owed > 0)
        throw new ApiError(
          422,
          'FIRST_DEPOSIT_MISSING',
          `未交存首期维修资金，不得交付：该房屋尚应交存 ${formatFen(owed)}（《住宅专项维修资金管理办法》第十三条）`,
        );
      const ownerIds = await Promise.all(
        body.newOwners.map((o, i) => findOrCreateOwner(m, o.fullName.trim(), idNumbers[i], o.phone ?? null)),
      );
      const subjectId = await findOrCreateVotingSubject(m, unit.estateId, ownerIds);
      await transferUnit(m, unitId, subjectId, body.certificateNo);
      const { followed, stood } = await followUnitTransferOnRolls(m, unitId, subjectId);
      return {
        unitId,
        votingSubjectId: subjectId,
        votesFollowingNewOwner: followed,
        votesWhereCastBallotStands: stood,
      };
    });
  }
}
