import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  EstateEntity,
  JurisdictionEntity,
  OrganisationEntity,
  OwnerEntity,
  UserEntity,
} from '../../../../libs/persistence/src/entities';
import { EstatesController } from './estates.controller';
import { EstatesService } from './estates.service';
import { JurisdictionsController } from './jurisdictions.controller';
import { UnitTransfersController } from './unit-transfers.controller';
import { UnitTransfersService } from './unit-transfers.service';

@Module({
  imports: [TypeOrmModule.forFeature([EstateEntity, JurisdictionEntity, OrganisationEntity, OwnerEntity, UserEntity])],
  controllers: [EstatesController, JurisdictionsController, UnitTransfersController],
  providers: [EstatesService, UnitTransfersService],
  exports: [EstatesService],
})
export class RegistryModule {}
