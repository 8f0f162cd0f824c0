import { Module } from '@nestjs/common';
import { ProceduresModule } from '../procedures/procedures.module';
import { RegistryModule } from '../registry/registry.module';
import { TasksModule } from '../tasks/tasks.module';
import { FirmExitsController } from './firm-exits.controller';
import { FirmExitsService } from './firm-exits.service';

@Module({
  imports: [RegistryModule, ProceduresModule, TasksModule],
  controllers: [FirmExitsController],
  providers: [FirmExitsService],
})
export class FirmExitsModule {}
