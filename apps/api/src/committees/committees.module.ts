import { Module } from '@nestjs/common';
import { ProceduresModule } from '../procedures/procedures.module';
import { RegistryModule } from '../registry/registry.module';
import { TasksModule } from '../tasks/tasks.module';
import { CommitteesController } from './committees.controller';
import { CommitteesService } from './committees.service';

@Module({
  imports: [RegistryModule, ProceduresModule, TasksModule],
  controllers: [CommitteesController],
  providers: [CommitteesService],
})
export class CommitteesModule {}
