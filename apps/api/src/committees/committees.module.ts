import { Module } from '@nestjs/common';
import { ProceduresModule } from '../procedures/procedures.module';
import { RegistryModule } from '../registry/registry.module';
import { TasksModule } from '../tasks/tasks.module';
import { CommitteesController } from './committees.controller';
import { CommitteesService } from './committees.service';
import { InterimCommitteesController } from './interim-committees.controller';
import { InterimCommitteesService } from './interim-committees.service';

@Module({
  imports: [RegistryModule, ProceduresModule, TasksModule],
  controllers: [CommitteesController, InterimCommitteesController],
  providers: [CommitteesService, InterimCommitteesService],
})
export class CommitteesModule {}
