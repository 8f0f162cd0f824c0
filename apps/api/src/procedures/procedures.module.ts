import { Module } from '@nestjs/common';
import { OnePerEstateProcedures } from './one-per-estate';
import { ProceduresController } from './procedures.controller';
import { Procedures } from './procedures.service';

/** The procedures' read model (list, timeline) and the one way the API starts a procedure. */
@Module({
  controllers: [ProceduresController],
  providers: [OnePerEstateProcedures, Procedures],
  exports: [Procedures],
})
export class ProceduresModule {}
