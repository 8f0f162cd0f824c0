import { Module } from '@nestjs/common';
import { ProceduresModule } from '../procedures/procedures.module';
import { RegistryModule } from '../registry/registry.module';
import { TasksModule } from '../tasks/tasks.module';
import { MaintenanceFundController } from './maintenance-fund.controller';
import { MaintenanceFundService } from './maintenance-fund.service';

@Module({
  imports: [RegistryModule, ProceduresModule, TasksModule],
  controllers: [MaintenanceFundController],
  providers: [MaintenanceFundService],
})
export class MaintenanceFundModule {}
