import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { ApiRefusals } from '../common/openapi';
import {
  CALENDAR_YEARS,
  CalendarYearDaysResponse,
  CalendarYearResponse,
  RegisterCalendarYearRequest,
  RegisteredCalendarYearResponse,
} from './calendar.dto';
import { CalendarService } from './calendar.service';

/** `:year`, a year a calendar can be registered for: anything else is a 400 before it reaches the database. */
const yearParam = (): ParameterDecorator => (target, key, index) => {
  Param('year', {
    transform(value: string): number {
      const year = Number(value);
      if (!/^\d{4}$/.test(value) || year < CALENDAR_YEARS.minimum || year > CALENDAR_YEARS.maximum)
        throw new ApiError(
          400,
          'INVALID_YEAR',
          `路径参数 year 必须是 ${CALENDAR_YEARS.minimum}–${CALENDAR_YEARS.maximum} 的年份`,
        );
      return year;
    },
  })(target, key, index);
  const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
  if (key !== undefined && descriptor)
    ApiParam({ name: 'year', schema: { type: 'integer', ...CALENDAR_YEARS } })(target, key, descriptor);
};

@ApiTags('工作日历')
@ApiBearerAuth()
@Controller('calendar/years')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @ApiOperation({ summary: '已登记节假日安排的年份；未登记年份的工作日期限按周末推算并标为暂定' })
  @ApiOkResponse({ type: [CalendarYearResponse] })
  list() {
    return this.calendar.list();
  }

  @Get(':year')
  @ApiOperation({ summary: '某年的放假日与调休上班日' })
  @ApiOkResponse({ type: CalendarYearDaysResponse })
  @ApiRefusals(
    [400, `年份不是 ${CALENDAR_YEARS.minimum}–${CALENDAR_YEARS.maximum} 的整数（INVALID_YEAR）`],
    [404, '该年的节假日安排尚未登记（CALENDAR_YEAR_NOT_FOUND）'],
  )
  days(@yearParam() year: number) {
    return this.calendar.days(year);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: '登记一年的节假日安排（国务院办公厅通知）；在办程序的暂定期限随即重新计算' })
  @ApiCreatedResponse({ type: RegisteredCalendarYearResponse })
  @ApiRefusals(
    400,
    [409, '该年已登记（CALENDAR_YEAR_REGISTERED）'],
    [422, '节假日安排有误（CALENDAR_SCHEDULE_INVALID，problems 列明）'],
  )
  register(@CurrentPrincipal() principal: Principal, @Body() body: RegisterCalendarYearRequest) {
    return this.calendar.register(principal, body);
  }
}
