import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { chinaDate } from '../../../../libs/domain/src/china-date';
import { PARTY_ORGANISATION_KINDS } from '../../../../libs/domain/src/party-organisations';
import { maskIdNumber, maskName, maskPhone } from '../../../../libs/domain/src/personal-data';
import type { EstateEntity } from '../../../../libs/persistence/src/entities';
import {
  createEstate,
  estateCounts,
  estateLiaisons,
  estatePartyOrganisation,
  findJurisdiction,
  findOwner,
  findVisibleEstate,
  getJurisdiction,
  listEstates,
  organisationExists,
  ownerRollPage,
  ownerVisibleTo,
  ownersAssemblyOf,
  saveEstate,
  setEstatePartyOrganisation,
  unitsPage,
  type EstatePartyOrganisation,
  type EstateSummary,
} from '../../../../libs/persistence/src/registry';
import { ApiError, notFound } from '../common/api-error';
import { refuseRestrictedFirm } from '../evaluations/firm-restriction';
import type { Page } from '../common/pagination';
import type { Principal } from '../auth/principal';
import type {
  CreateEstateRequest,
  EstateListQuery,
  SetPartyOrganisationRequest,
  UpdateEstateRequest,
} from './estates.dto';
import { filterPathOf } from './jurisdiction-filter';

export type { EstateSummary };

const labelled = (organisation: EstatePartyOrganisation) => ({
  ...organisation,
  kindLabel: PARTY_ORGANISATION_KINDS[organisation.kind],
});

/** Roles that may read an owner's identity unmasked, within their jurisdiction. */
const IDENTITY_READERS = ['street_office', 'housing_bureau', 'admin'] as const;

@Injectable()
export class EstatesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(principal: Principal, query: EstateListQuery): Promise<Page<EstateSummary>> {
    const filterPath = query.jurisdictionCode ? await filterPathOf(this.dataSource, query.jurisdictionCode) : undefined;
    const [rows, total] = await listEstates(
      this.dataSource,
      principal,
      { q: query.q, estateClass: query.estateClass, filterPath },
      query.page,
      query.pageSize,
    );
    return { items: rows, total, page: query.page, pageSize: query.pageSize };
  }

  /** The estate if the caller may see it; 404 otherwise, so that other jurisdictions' data is not even confirmed. */
  async findVisible(principal: Principal, id: string): Promise<EstateEntity> {
    const estate = await findVisibleEstate(this.dataSource, principal, id);
    if (!estate) throw notFound('ESTATE_NOT_FOUND', '小区不存在或不在您的辖区内');
    return estate;
  }

  async detail(principal: Principal, id: string) {
    const estate = await this.findVisible(principal, id);
    const [jurisdiction, counts, liaisons, ownersAssembly, partyOrganisation] = await Promise.all([
      getJurisdiction(this.dataSource, estate.jurisdictionCode),
      estateCounts(this.dataSource, id),
      estateLiaisons(this.dataSource, id),
      ownersAssemblyOf(this.dataSource, id),
      estatePartyOrganisation(this.dataSource, id),
    ]);
    return {
      id: estate.id,
      name: estate.name,
      jurisdictionCode: estate.jurisdictionCode,
      jurisdictionName: jurisdiction.name,
      estateClass: estate.estateClass,
      firstDeliveryDate: estate.firstDeliveryDate,
      developerId: estate.developerId,
      propertyFirmId: estate.propertyFirmId,
      address: estate.address,
      synthetic: estate.synthetic,
      version: estate.version,
      ...counts,
      liaisons,
      ownersAssembly,
      partyOrganisation: partyOrganisation && labelled(partyOrganisation),
    };
  }

  /** Records an estate's party organisation, as the community or an office above it knows it. */
  async setPartyOrganisation(principal: Principal, id: string, body: SetPartyOrganisationRequest) {
    await this.findVisible(principal, id);
    const today = chinaDate(new Date());
    // The problem names its field (`establishedOn …`), so a form puts the reason beside the date.
    if (body.establishedOn > today)
      throw new ApiError(422, 'ESTABLISHED_IN_FUTURE', `成立日期 ${body.establishedOn} 晚于今天`, [
        `establishedOn 成立日期不能晚于今天（${today}）`,
      ]);
    const organisation = { kind: body.kind, name: body.name, establishedOn: body.establishedOn };
    await setEstatePartyOrganisation(this.dataSource, id, organisation, principal.userId);
    return labelled(organisation);
  }

  /** A government office registers an estate in a community of its own jurisdiction. */
  async create(principal: Principal, body: CreateEstateRequest) {
    const jurisdiction = await findJurisdiction(this.dataSource, body.jurisdictionCode);
    if (!jurisdiction) throw new ApiError(422, 'UNKNOWN_JURISDICTION', `辖区代码 ${body.jurisdictionCode} 不存在`);
    if (jurisdiction.level !== 'community') throw new ApiError(422, 'NOT_A_COMMUNITY', '小区须登记在社区（村）一级');
    if (!jurisdiction.path.startsWith(principal.jurisdictionPath))
      throw new ApiError(403, 'OUTSIDE_JURISDICTION', '只能在本辖区内登记小区');
    await this.checkOrganisations(body);
    if (body.propertyFirmId) await refuseRestrictedFirm(this.dataSource, body.propertyFirmId, jurisdiction.path);
    const estate = await createEstate(this.dataSource, {
      name: body.name.trim(),
      jurisdictionCode: jurisdiction.code,
      jurisdictionPath: jurisdiction.path,
      firstDeliveryDate: body.firstDeliveryDate ?? null,
      developerId: body.developerId ?? null,
      propertyFirmId: body.propertyFirmId ?? null,
      address: body.address ?? null,
    });
    return this.detail(principal, estate.id);
  }

  async update(principal: Principal, id: string, body: UpdateEstateRequest) {
    const estate = await this.findVisible(principal, id);
    await this.checkOrganisations(body);
    if (body.propertyFirmId && body.propertyFirmId !== estate.propertyFirmId)
      await refuseRestrictedFirm(this.dataSource, body.propertyFirmId, estate.jurisdictionPath);
    Object.assign(estate, Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)));
    await saveEstate(this.dataSource, estate);
    return this.detail(principal, id);
  }

  private async checkOrganisations(body: { developerId?: string; propertyFirmId?: string }): Promise<void> {
    for (const [id, kind, label] of [
      [body.developerId, 'developer', '建设单位'],
      [body.propertyFirmId, 'property_firm', '物业服务企业'],
    ] as const) {
      if (id && !(await organisationExists(this.dataSource, id, kind))) {
        throw new ApiError(422, 'UNKNOWN_ORGANISATION', `${label} ${id} 不存在`);
      }
    }
  }

  async units(principal: Principal, id: string, page: number, pageSize: number) {
    await this.findVisible(principal, id);
    const { items, total } = await unitsPage(this.dataSource, id, page, pageSize);
    return { items, total, page, pageSize };
  }

  /** The owner roll with names and ID numbers masked: enough to check a roll, not to identify anyone. */
  async owners(principal: Principal, id: string, page: number, pageSize: number) {
    await this.findVisible(principal, id);
    const rows = await ownerRollPage(this.dataSource, id, page, pageSize);
    const items = rows.map((row) => ({
      id: row.id,
      votingSubjectId: row.votingSubjectId,
      name: maskName(row.fullName),
      idNumber: maskIdNumber(row.idNumber),
      phone: maskPhone(row.phone),
      units: row.units,
    }));
    return { items, page, pageSize };
  }

  /** One owner's identity in clear, for the offices that keep the roll, or for the owner themself. */
  async ownerIdentity(principal: Principal, ownerId: string) {
    const isSelf = principal.role === 'owner' && principal.ownerId === ownerId;
    // Role first, then one 404 for "elsewhere" and "nowhere" alike: no answer tells an owner id exists.
    if (!isSelf && !(IDENTITY_READERS as readonly string[]).includes(principal.role)) {
      throw new ApiError(403, 'ROLE_NOT_ALLOWED', '无权查看业主实名信息');
    }
    const hidden = () => notFound('OWNER_NOT_FOUND', '业主不存在或不在您的辖区内');
    const owner = await findOwner(this.dataSource, ownerId);
    if (!owner) throw hidden();
    if (!isSelf && !(await ownerVisibleTo(this.dataSource, principal, ownerId))) throw hidden();
    return {
      id: owner.id,
      name: owner.fullName,
      idNumber: owner.idNumber,
      phone: owner.phone,
      synthetic: owner.synthetic,
    };
  }
}
