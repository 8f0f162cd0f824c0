import { Module } from '@nestjs/common';
import { ProceduresModule } from '../procedures/procedures.module';
import { RegistryModule } from '../registry/registry.module';
import { EstateSurveyController } from './estate-survey.controller';
import { EstateSurveyService } from './estate-survey.service';

@Module({
  imports: [RegistryModule, ProceduresModule],
  controllers: [EstateSurveyController],
  providers: [EstateSurveyService],
})
export class EstateSurveyModule {}
