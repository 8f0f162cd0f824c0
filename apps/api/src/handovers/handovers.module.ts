import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { HandoverArchiveService } from './handover-archive.service';
import { HandoversController } from './handovers.controller';
import { HandoversService } from './handovers.service';

@Module({
  imports: [RegistryModule],
  controllers: [HandoversController],
  providers: [HandoversService, HandoverArchiveService],
})
export class HandoversModule {}
