import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { followUnitTransferOnRolls } from '../../../../libs/persistence/src/votes';
import type { Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { EstatesService } from './estates.service';
import type { TransferUnitRequest } from './unit-transfers.dto';

/**
 * 产权变更: a unit passes to new owners. The buyer's other units in the estate keep one head between them
 * (司法解释 art 9), co-buyers form one subject. Votes under way follow the registry — the new owner votes —
 * unless the unit's subject has already cast a ballot in that vote, which then stands.
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
    const [unit] = await this.dataSource.query(
      `SELECT estate_id AS "estateId", voting_subject_id AS "subjectId" FROM units WHERE id = $1`,
      [unitId],
    );
    if (!unit) throw notFound('UNIT_NOT_FOUND', '房屋不存在');
    await this.estates.findVisible(principal, unit.estateId);
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT 1 FROM units WHERE id = $1 FOR UPDATE`, [unitId]);
      const ownerIds = await Promise.all(
        body.newOwners.map((o, i) => this.ownerId(m, o.fullName.trim(), idNumbers[i], o.phone ?? null)),
      );
      const subjectId = await this.subjectFor(m, unit.estateId, ownerIds);
      await m.query(`UPDATE units SET voting_subject_id = $2, certificate_no = $3, delivered = true WHERE id = $1`, [
        unitId,
        subjectId,
        body.certificateNo,
      ]);
      const { followed, stood } = await followUnitTransferOnRolls(m, unitId, subjectId);
      return {
        unitId,
        votingSubjectId: subjectId,
        votesFollowingNewOwner: followed,
        votesWhereCastBallotStands: stood,
      };
    });
  }

  private async ownerId(m: EntityManager, fullName: string, idNumber: string, phone: string | null): Promise<string> {
    const [existing] = await m.query(`SELECT id FROM owners WHERE id_number = $1 LIMIT 1`, [idNumber]);
    if (existing) return existing.id;
    const [created] = await m.query(
      `INSERT INTO owners (full_name, id_number, phone) VALUES ($1, $2, $3) RETURNING id`,
      [fullName, idNumber, phone],
    );
    return created.id;
  }

  /** The estate's subject held by exactly these owners, or a new one. */
  private async subjectFor(m: EntityManager, estateId: string, ownerIds: string[]): Promise<string> {
    const [existing] = await m.query(
      `SELECT s.id FROM voting_subjects s JOIN voting_subject_owners vso ON vso.voting_subject_id = s.id
        WHERE s.estate_id = $1 AND s.kind <> 'developer'
        GROUP BY s.id HAVING array_agg(vso.owner_id ORDER BY vso.owner_id) = (SELECT array_agg(x ORDER BY x) FROM unnest($2::uuid[]) x)
        LIMIT 1`,
      [estateId, ownerIds],
    );
    if (existing) return existing.id;
    const [subject] = await m.query(`INSERT INTO voting_subjects (estate_id, kind) VALUES ($1, $2) RETURNING id`, [
      estateId,
      ownerIds.length > 1 ? 'co_owners' : 'owner',
    ]);
    await m.query(`INSERT INTO voting_subject_owners (voting_subject_id, owner_id) SELECT $1, unnest($2::uuid[])`, [
      subject.id,
      ownerIds,
    ]);
    return subject.id;
  }
}
