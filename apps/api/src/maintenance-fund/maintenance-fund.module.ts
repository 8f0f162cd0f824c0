import { Module } from '@nestjs/common';
import { ProceduresModule } from '../procedures/procedures.module';
import { RegistryModule } from '../registry/registry.module';
import { TasksModule } from '../tasks/tasks.module';
import { FundDepositsController } from './fund-deposits.controller';
import { FundDepositsService } from './fund-deposits.service';
import { MaintenanceFundController } from './maintenance-fund.controller';
import { MaintenanceFundService } from './maintenance-fund.service';

@Module({
  imports: [RegistryModule, ProceduresModule, TasksModule],
  controllers: [MaintenanceFundController, FundDepositsController],
  providers: [MaintenanceFundService, FundDepositsService],
})
export class MaintenanceFundModule {}
