import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { IDENTITY_VERIFIER, RegistryIdentityVerifier } from './identity-verifier';
import { VotesController } from './votes.controller';
import { VotesService } from './votes.service';

@Module({
  imports: [RegistryModule],
  controllers: [VotesController],
  providers: [VotesService, { provide: IDENTITY_VERIFIER, useClass: RegistryIdentityVerifier }],
})
export class VotesModule {}
