import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { MeetingRequisitionsController } from './meeting-requisitions.controller';
import { MeetingRequisitionsService } from './meeting-requisitions.service';

@Module({
  imports: [RegistryModule],
  controllers: [MeetingRequisitionsController],
  providers: [MeetingRequisitionsService],
})
export class MeetingRequisitionsModule {}
