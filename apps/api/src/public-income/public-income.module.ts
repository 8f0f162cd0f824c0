import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { TasksModule } from '../tasks/tasks.module';
import { PublicIncomeController } from './public-income.controller';
import { PublicIncomeService } from './public-income.service';

@Module({
  imports: [RegistryModule, TasksModule],
  controllers: [PublicIncomeController],
  providers: [PublicIncomeService],
})
export class PublicIncomeModule {}
