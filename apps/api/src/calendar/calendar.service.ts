import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { calendarRegisteredSignal } from '../../../../libs/contracts/src/tasks';
import { scheduleProblems } from '../../../../libs/domain/src/calendar';
import {
  calendarYearDays,
  listCalendarYears,
  registerCalendarYear,
  workflowsWithProvisionalDeadlines,
} from '../../../../libs/persistence/src/work-calendar';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import type { Principal } from '../auth/principal';
import { ApiError, conflict, notFound } from '../common/api-error';
import type { RegisterCalendarYearRequest } from './calendar.dto';

@Injectable()
export class CalendarService {
  private readonly logger = new Logger(CalendarService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectTemporalClient() private readonly temporal: Client,
  ) {}

  list() {
    return listCalendarYears(this.dataSource);
  }

  async days(year: number) {
    const days = await calendarYearDays(this.dataSource, year);
    if (!days) throw notFound('CALENDAR_YEAR_NOT_FOUND', `${year} 年的节假日安排尚未登记`);
    return { year, ...days };
  }

  /**
   * Registers a year's 节假日安排, then tells every procedure with a provisional due time to count again.
   * A signal that is lost (the API stops in between) is caught up by the step itself, which counts again
   * before it escalates.
   */
  async register(principal: Principal, body: RegisterCalendarYearRequest) {
    const problems = scheduleProblems(body.year, body.restDays, body.workDays);
    if (problems.length) throw new ApiError(422, 'CALENDAR_SCHEDULE_INVALID', '节假日安排有误', problems);
    const registered = await registerCalendarYear(this.dataSource, {
      year: body.year,
      source: body.source ?? '国务院办公厅节假日安排',
      registeredBy: principal.userId,
      restDays: body.restDays,
      workDays: body.workDays,
    });
    if (!registered) throw conflict('CALENDAR_YEAR_REGISTERED', `${body.year} 年的节假日安排已登记，不能重复登记`);
    let signalled = 0;
    for (const workflowId of await workflowsWithProvisionalDeadlines(this.dataSource)) {
      try {
        await this.temporal.workflow.getHandle(workflowId).signal(calendarRegisteredSignal);
        signalled += 1;
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        this.logger.warn(`程序 ${workflowId} 已结束，无需重新计算期限`);
      }
    }
    const year = (await listCalendarYears(this.dataSource)).find((y) => y.year === body.year)!;
    return { ...year, signalledProcedures: signalled };
  }
}
