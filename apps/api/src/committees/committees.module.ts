import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { CommitteesController } from './committees.controller';
import { CommitteesService } from './committees.service';

@Module({
  imports: [RegistryModule],
  controllers: [CommitteesController],
  providers: [CommitteesService],
})
export class CommitteesModule {}
