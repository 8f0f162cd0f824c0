import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrganisationEntity } from '../../../../libs/persistence/src/entities';
import {
  jurisdictionsUnder,
  listOrganisations,
  organisationClerks,
  organisationJurisdiction,
} from '../../../../libs/persistence/src/registry';
import type { Principal } from '../auth/principal';
import { notFound } from '../common/api-error';

/** The jurisdiction tree under a caller and the organisation directory. */
@Injectable()
export class JurisdictionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  under(jurisdictionPath: string) {
    return jurisdictionsUnder(this.dataSource, jurisdictionPath);
  }

  organisations(kind?: OrganisationEntity['kind']) {
    return listOrganisations(this.dataSource, kind);
  }

  /** An organisation's clerks in a role, if the organisation sits in the caller's jurisdiction. */
  async clerks(principal: Principal, organisationId: string, role: string) {
    const own = await organisationJurisdiction(this.dataSource, organisationId);
    if (!own || !own.path.startsWith(principal.jurisdictionPath)) {
      throw notFound('ORGANISATION_NOT_FOUND', '组织不存在或不在您的辖区内');
    }
    return organisationClerks(this.dataSource, organisationId, role);
  }
}
