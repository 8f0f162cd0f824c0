import { Module } from '@nestjs/common';
import { ProceduresModule } from '../procedures/procedures.module';
import { RegistryModule } from '../registry/registry.module';
import { BallotBox } from './ballot-box';
import { IDENTITY_VERIFIER, RegistryIdentityVerifier } from './identity-verifier';
import { VotesController } from './votes.controller';
import { VotesService } from './votes.service';

@Module({
  imports: [RegistryModule, ProceduresModule],
  controllers: [VotesController],
  providers: [VotesService, BallotBox, { provide: IDENTITY_VERIFIER, useClass: RegistryIdentityVerifier }],
})
export class VotesModule {}
