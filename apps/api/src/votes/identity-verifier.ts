import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GroupCommit } from '../../../../libs/persistence/src/group-commit';
import { ApiMetrics } from '../metrics/api-metrics';
import { verifyIdentityClaims } from '../../../../libs/persistence/src/votes';

export interface IdentityClaim {
  ownerId: string;
  idNumber: string;
  certificateNo: string;
}

/**
 * Real-name check before a ballot is accepted. Production plugs in face recognition or the provincial
 * identity service behind this interface; a verified claim names the owner it proved.
 */
export interface IdentityVerifier {
  verify(claim: IdentityClaim): Promise<boolean>;
}

export const IDENTITY_VERIFIER = Symbol('IDENTITY_VERIFIER');

/**
 * Development verifier: the ID number and a 不动产权证号 of one of the owner's units must match the
 * registry. Claims arriving together are checked in one query.
 */
@Injectable()
export class RegistryIdentityVerifier implements IdentityVerifier {
  private readonly checks = new GroupCommit<IdentityClaim, boolean>(
    (claims) => verifyIdentityClaims(this.dataSource, claims),
    { onBatch: (size) => this.metrics.observeBatch('identity_checks', size) },
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: ApiMetrics,
  ) {}

  verify(claim: IdentityClaim): Promise<boolean> {
    return this.checks.submit(claim);
  }
}
