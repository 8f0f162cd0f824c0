import { Module } from '@nestjs/common';
import { OnePerEstateProcedures } from './one-per-estate';
import { ProceduresController } from './procedures.controller';
import { ProceduresService } from './procedures.service';

/** The procedures' read model (list, timeline) and the start of those an estate runs one at a time. */
@Module({
  controllers: [ProceduresController],
  providers: [OnePerEstateProcedures, ProceduresService],
  exports: [OnePerEstateProcedures],
})
export class ProceduresModule {}
