import { Module } from '@nestjs/common';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';

/** 运行监控: the outbox's dead letters and the stuck procedures, for admins and housing bureaus. */
@Module({ controllers: [OperationsController], providers: [OperationsService] })
export class OperationsModule {}
