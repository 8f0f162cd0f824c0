import { Module } from '@nestjs/common';
import { ProceduresModule } from '../procedures/procedures.module';
import { RegistryModule } from '../registry/registry.module';
import { TasksModule } from '../tasks/tasks.module';
import {
  CreditEntriesController,
  EnforcementDirectoryController,
  JointEnforcementController,
} from './joint-enforcement.controller';
import { JointEnforcementService } from './joint-enforcement.service';

@Module({
  imports: [RegistryModule, ProceduresModule, TasksModule],
  controllers: [JointEnforcementController, EnforcementDirectoryController, CreditEntriesController],
  providers: [JointEnforcementService],
})
export class JointEnforcementModule {}
