import { Module } from '@nestjs/common';
import { ProceduresModule } from '../procedures/procedures.module';
import { RegistryModule } from '../registry/registry.module';
import { TasksModule } from '../tasks/tasks.module';
import { HandoverArchiveService } from './handover-archive.service';
import { HandoversController } from './handovers.controller';
import { HandoversService } from './handovers.service';

@Module({
  imports: [RegistryModule, ProceduresModule, TasksModule],
  controllers: [HandoversController],
  providers: [HandoversService, HandoverArchiveService],
})
export class HandoversModule {}
