import { Module } from '@nestjs/common';
import { OnePerEstateProcedures } from './one-per-estate';
import { Procedures } from './procedures';
import { ProceduresController } from './procedures.controller';
import { ProceduresService } from './procedures.service';

/** The procedures' read model (list, timeline) and the one way the API starts a procedure. */
@Module({
  controllers: [ProceduresController],
  providers: [OnePerEstateProcedures, Procedures, ProceduresService],
  exports: [Procedures],
})
export class ProceduresModule {}
