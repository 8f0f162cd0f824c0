import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GroupCommit } from '../../../../libs/persistence/src/group-commit';
import { ApiMetrics } from '../metrics/api-metrics';

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
    async (claims) => {
      const rows: Array<{ ord: number; verified: boolean }> = await this.dataSource.query(
        // LATERAL … LIMIT 1: a lookup by index per claim; as EXISTS the planner may hash every owner instead.
        `SELECT c.ord, m.matched IS NOT NULL AS verified
         FROM jsonb_to_recordset($1::jsonb) AS c(ord int, "ownerId" uuid, "idNumber" text, "certificateNo" text)
         LEFT JOIN LATERAL (
           SELECT true AS matched FROM owners o
             JOIN voting_subject_owners vso ON vso.owner_id = o.id
             JOIN units u ON u.voting_subject_id = vso.voting_subject_id
            WHERE o.id = c."ownerId" AND o.id_number = c."idNumber" AND u.certificate_no = c."certificateNo"
            LIMIT 1) m ON true
        ORDER BY c.ord`,
        [JSON.stringify(claims.map((claim, ord) => ({ ...claim, ord })))],
      );
      return rows.map((r) => r.verified);
    },
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
