import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { MATTER_ITEMS, requisitionSupport, type MatterItem } from '../../../../libs/domain/src/owners-decision';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import {
  estateRequisitionsPage,
  findRequisition,
  insertRequisition,
  lockRequisition,
  markRequisitionMet,
  ownerSubjectInEstate,
  requisitionCountInputs,
  requisitionsCountInputs,
  signRequisition,
} from '../../../../libs/persistence/src/meeting-requisitions';
import { enqueueNotification } from '../../../../libs/persistence/src/notifications';
import {
  communityOfficeOfEstate,
  organisationAtLevelAbove,
  ownersAssemblyOf,
} from '../../../../libs/persistence/src/registry';
import type { EstateEntity } from '../../../../libs/persistence/src/entities';
import type { Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { EstatesService } from '../registry/estates.service';
import type { StartRequisitionRequest } from './meeting-requisitions.dto';

const requisitionNotFound = () => notFound('REQUISITION_NOT_FOUND', '临时会议提议不存在或您无权查看');

/**
 * 条例 art 13: owners propose a 临时会议 of their 业主大会; once those who signed hold the policy's share of the
 * heads and of the area, the street office and the 居委会 are told to have it convened. Signatures are by
 * voting subject, so co-owners and an owner of many units count once.
 */
@Injectable()
export class MeetingRequisitionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly estates: EstatesService,
  ) {}

  async start(principal: Principal, estateId: string, body: StartRequisitionRequest) {
    const estate = await this.estates.findVisible(principal, estateId);
    if (!(await ownersAssemblyOf(this.dataSource, estateId)))
      throw new ApiError(409, 'NO_OWNERS_ASSEMBLY', '该小区尚未成立业主大会，不能提议召开业主大会临时会议');
    const subjectId = await this.subjectOf(principal, estateId);
    const id = randomUUID();
    return this.dataSource.transaction(async (m) => {
      await insertRequisition(m, {
        id,
        estateId,
        matterItem: body.matterItem,
        question: body.question.trim(),
        ownerId: principal.ownerId!,
      });
      return this.countSignature(m, estate, id, subjectId, principal.ownerId!);
    });
  }

  async sign(principal: Principal, id: string) {
    const { estate } = await this.visible(principal, id);
    const subjectId = await this.subjectOf(principal, estate.id);
    return this.dataSource.transaction((m) => this.countSignature(m, estate, id, subjectId, principal.ownerId!));
  }

  async detail(principal: Principal, id: string) {
    const { estate, row } = await this.visible(principal, id);
    const share = (await localityPolicy(this.dataSource, estate.jurisdictionPath)).ownersVote.requisitionShare;
    const support = requisitionSupport({ ...(await requisitionCountInputs(this.dataSource, id, estate.id)), share });
    return { ...row, ...support };
  }

  /** The estate's requisitions with their support; for an owner, whether their voting subject has signed each. */
  async list(principal: Principal, estateId: string, page: number, pageSize: number) {
    const estate = await this.estates.findVisible(principal, estateId);
    const { items, total } = await estateRequisitionsPage(this.dataSource, estateId, page, pageSize);
    const share = (await localityPolicy(this.dataSource, estate.jurisdictionPath)).ownersVote.requisitionShare;
    const { units, supporterIds } = await requisitionsCountInputs(
      this.dataSource,
      estateId,
      items.map((r) => r.id),
    );
    const mySubject = principal.ownerId ? await this.subjectOf(principal, estateId) : null;
    return {
      items: items.map((row) => {
        const supporters = supporterIds.get(row.id)!;
        return {
          ...row,
          ...requisitionSupport({ units, supporterIds: supporters, share }),
          signedByMe: mySubject ? supporters.includes(mySubject) : null,
        };
      }),
      total,
      page,
      pageSize,
    };
  }

  private async visible(principal: Principal, id: string) {
    const row = await findRequisition(this.dataSource, id);
    if (!row) throw requisitionNotFound();
    const estate = await this.estates.findVisible(principal, row.estateId).catch(() => {
      throw requisitionNotFound();
    });
    return { estate, row };
  }

  /** An owner sees only the estates where they hold a unit, so the subject is there. */
  private async subjectOf(principal: Principal, estateId: string): Promise<string> {
    return (await ownerSubjectInEstate(this.dataSource, principal.ownerId!, estateId))!;
  }

  /** Adds the subject's signature and, the first time the share is met, tells the offices that convene. */
  private async countSignature(m: EntityManager, estate: EstateEntity, id: string, subjectId: string, ownerId: string) {
    const row = (await lockRequisition(m, id))!;
    if (!(await signRequisition(m, id, subjectId, ownerId)))
      throw new ApiError(409, 'ALREADY_SIGNED', '您（或与您共有房屋的业主）已提议过');
    const share = (await localityPolicy(m, estate.jurisdictionPath)).ownersVote.requisitionShare;
    const support = requisitionSupport({ ...(await requisitionCountInputs(m, id, estate.id)), share });
    let metAt = row.metAt;
    if (support.met && !metAt) {
      metAt = await markRequisitionMet(m, id);
      const notice = {
        title: `${estate.name} 业主提议召开业主大会临时会议`,
        body: `提议表决「${row.question}」（民法典第278条第（${MATTER_ITEMS[row.matterItem as MatterItem].item}）项）：已有 ${support.heads}/${support.totalHeads} 人、${support.area}/${support.totalArea} 平方米的业主提议，达到规定比例，应当组织召开临时会议（《物业管理条例》第十三条）`,
      };
      const offices = [
        ['street_office', await organisationAtLevelAbove(m, 'street_office', 'street', estate.jurisdictionPath)],
        ['community', await communityOfficeOfEstate(m, estate.id)],
      ] as const;
      for (const [role, organisationId] of offices) {
        if (!organisationId) continue;
        await enqueueNotification(
          m,
          {
            ...notice,
            dedupKey: `meeting-requisition:${id}:${role}`,
            recipientRole: role,
            recipientOrganisationId: organisationId,
          },
          null,
        );
      }
    }
    return { ...row, ...support, metAt };
  }
}
