import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrganisationEntity } from '../../../../libs/persistence/src/entities';
import { jurisdictionsUnder, listOrganisations } from '../../../../libs/persistence/src/registry';

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
}
