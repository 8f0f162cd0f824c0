import { Module } from '@nestjs/common';
import { TasksController } from './tasks.controller';
import { StepSchemas } from './step-schemas';
import { StepSender } from './step-sender';
import { TasksService } from './tasks.service';

/** The inbox, and the sender every step route goes through (feature modules import it for that). */
@Module({ controllers: [TasksController], providers: [TasksService, StepSender, StepSchemas], exports: [StepSender] })
export class TasksModule {}
