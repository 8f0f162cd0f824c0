import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { EstateSurveyController } from './estate-survey.controller';
import { EstateSurveyService } from './estate-survey.service';

@Module({
  imports: [RegistryModule],
  controllers: [EstateSurveyController],
  providers: [EstateSurveyService],
})
export class EstateSurveyModule {}
