import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { maskNumbersInText } from '../../../../libs/domain/src/personal-data';
import { deadLetters, requeueDeadLetter } from '../../../../libs/persistence/src/notifications';
import { stuckActivities } from '../../../../libs/persistence/src/stuck-activities';
import type { Principal } from '../auth/principal';
import { ApiError, conflict } from '../common/api-error';
import type { Page } from '../common/pagination';
import type {
  DeadLetterQuery,
  DeadLetterResponse,
  StuckProcedureQuery,
  StuckProcedureResponse,
} from './operations.dto';

const mask = (text: string | null) => (text === null ? null : maskNumbersInText(text));

/** What operators watch: notices the outbox gave up on, and activities that keep failing. */
@Injectable()
export class OperationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async deadLetters(principal: Principal, query: DeadLetterQuery): Promise<Page<DeadLetterResponse>> {
    const { page, pageSize, sort, ...filter } = query;
    const { items, total } = await deadLetters(this.dataSource, principal, { ...filter, order: sort }, page, pageSize);
    return {
      items: items.map((row) => ({
        ...row,
        title: maskNumbersInText(row.title),
        body: maskNumbersInText(row.body),
        lastError: mask(row.lastError),
      })),
      total,
      page,
      pageSize,
    };
  }

  async retry(principal: Principal, id: string) {
    if (!/^[1-9][0-9]{0,17}$/.test(id)) throw new ApiError(400, 'INVALID_ID', '路径参数 id 必须是消息编号（正整数）');
    const outcome = await requeueDeadLetter(this.dataSource, principal, id);
    if (outcome.status === 'not_found') throw new ApiError(404, 'NOTIFICATION_NOT_FOUND', '消息不存在或不在您的辖区内');
    if (outcome.status === 'not_dead') throw conflict('NOT_DEAD_LETTER', '该消息不在死信中，无需重投');
    return { id, status: 'pending' as const, nextAttemptAt: outcome.nextAttemptAt };
  }

  async stuckProcedures(principal: Principal, query: StuckProcedureQuery): Promise<Page<StuckProcedureResponse>> {
    const { page, pageSize, sort, workflowType } = query;
    const { items, total } = await stuckActivities(
      this.dataSource,
      principal,
      { workflowType, order: sort },
      page,
      pageSize,
    );
    return {
      items: items.map((row) => ({ ...row, lastError: maskNumbersInText(row.lastError) })),
      total,
      page,
      pageSize,
    };
  }
}
