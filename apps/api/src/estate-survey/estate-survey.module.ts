import { Module } from '@nestjs/common';
import { ProceduresModule } from '../procedures/procedures.module';
import { RegistryModule } from '../registry/registry.module';
import { TasksModule } from '../tasks/tasks.module';
import { EstateSurveyController } from './estate-survey.controller';
import { EstateSurveyService } from './estate-survey.service';

@Module({
  imports: [RegistryModule, ProceduresModule, TasksModule],
  controllers: [EstateSurveyController],
  providers: [EstateSurveyService],
})
export class EstateSurveyModule {}
