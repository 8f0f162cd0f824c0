import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

/** The working-day calendar: which years' 节假日安排 are on record, and registering a new one. */
@Module({ controllers: [CalendarController], providers: [CalendarService] })
export class CalendarModule {}
