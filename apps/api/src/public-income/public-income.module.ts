import { Module } from '@nestjs/common';
import { ProceduresModule } from '../procedures/procedures.module';
import { RegistryModule } from '../registry/registry.module';
import { TasksModule } from '../tasks/tasks.module';
import { PublicIncomeController } from './public-income.controller';
import { PublicIncomeService } from './public-income.service';

@Module({
  imports: [RegistryModule, ProceduresModule, TasksModule],
  controllers: [PublicIncomeController],
  providers: [PublicIncomeService],
})
export class PublicIncomeModule {}
