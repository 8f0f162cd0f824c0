import { Module } from '@nestjs/common';
import { ProceduresModule } from '../procedures/procedures.module';
import { RegistryModule } from '../registry/registry.module';
import { TasksModule } from '../tasks/tasks.module';
import { EstateProblemLedgerController, ProblemsController } from './problems.controller';
import { ProblemsService } from './problems.service';

@Module({
  imports: [RegistryModule, ProceduresModule, TasksModule],
  controllers: [ProblemsController, EstateProblemLedgerController],
  providers: [ProblemsService],
})
export class ProblemsModule {}
