import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

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

/** Development verifier: the ID number and a 不动产权证号 of one of the owner's units must match the registry. */
@Injectable()
export class RegistryIdentityVerifier implements IdentityVerifier {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async verify(claim: IdentityClaim): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM owners o
         JOIN voting_subject_owners vso ON vso.owner_id = o.id
         JOIN units u ON u.voting_subject_id = vso.voting_subject_id
        WHERE o.id = $1 AND o.id_number = $2 AND u.certificate_no = $3 LIMIT 1`,
      [claim.ownerId, claim.idNumber, claim.certificateNo],
    );
    return rows.length > 0;
  }
}
