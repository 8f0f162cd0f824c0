import { Module } from '@nestjs/common';
import { EstatesController } from './estates.controller';
import { EstatesService } from './estates.service';
import { JurisdictionsController } from './jurisdictions.controller';
import { JurisdictionsService } from './jurisdictions.service';
import { UnitTransfersController } from './unit-transfers.controller';
import { UnitTransfersService } from './unit-transfers.service';

@Module({
  controllers: [EstatesController, JurisdictionsController, UnitTransfersController],
  providers: [EstatesService, JurisdictionsService, UnitTransfersService],
  exports: [EstatesService],
})
export class RegistryModule {}
