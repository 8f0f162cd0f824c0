import { Module } from '@nestjs/common';
import { ProceduresModule } from '../procedures/procedures.module';
import { RegistryModule } from '../registry/registry.module';
import { TasksModule } from '../tasks/tasks.module';
import { DisputesController } from './disputes.controller';
import { DisputesService } from './disputes.service';

@Module({
  imports: [RegistryModule, ProceduresModule, TasksModule],
  controllers: [DisputesController],
  providers: [DisputesService],
})
export class DisputesModule {}
