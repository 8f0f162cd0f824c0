import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { maskIdNumber, maskName, maskPhone } from '../../../../libs/domain/src/personal-data';
import {
  EstateEntity,
  JurisdictionEntity,
  OrganisationEntity,
  OwnerEntity,
} from '../../../../libs/persistence/src/entities';
import { ApiError, notFound } from '../common/api-error';
import type { Page } from '../common/pagination';
import type { Principal } from '../auth/principal';
import type { CreateEstateRequest, EstateListQuery, UpdateEstateRequest } from './estates.dto';
import { scopeEstates } from './estate-scope';
import { filterPathOf } from './jurisdiction-filter';

export interface EstateSummary {
  id: string;
  name: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  estateClass: string | null;
  firstDeliveryDate: string | null;
  propertyFirmId: string | null;
  developerId: string | null;
  synthetic: boolean;
}

/** Roles that may read an owner's identity unmasked, within their jurisdiction. */
const IDENTITY_READERS = ['street_office', 'housing_bureau', 'admin'] as const;

@Injectable()
export class EstatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(EstateEntity) private readonly estates: Repository<EstateEntity>,
    @InjectRepository(JurisdictionEntity) private readonly jurisdictions: Repository<JurisdictionEntity>,
    @InjectRepository(OrganisationEntity) private readonly organisations: Repository<OrganisationEntity>,
  ) {}

  private visibleEstates(principal: Principal) {
    const qb = this.estates.createQueryBuilder('e').innerJoin(JurisdictionEntity, 'j', 'j.code = e.jurisdiction_code');
    return scopeEstates(qb, 'e', principal);
  }

  async list(principal: Principal, query: EstateListQuery): Promise<Page<EstateSummary>> {
    const qb = this.visibleEstates(principal);
    if (query.q) qb.andWhere('e.name LIKE :q', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    if (query.estateClass) qb.andWhere('e.estate_class = :estateClass', { estateClass: query.estateClass });
    if (query.jurisdictionCode) {
      qb.andWhere('e.jurisdiction_path LIKE :filterPath', {
        filterPath: `${await filterPathOf(this.dataSource, query.jurisdictionCode)}%`,
      });
    }
    const [rows, total] = await Promise.all([
      qb
        .clone()
        .select([
          'e.id AS id',
          'e.name AS name',
          'e.jurisdiction_code AS "jurisdictionCode"',
          'j.name AS "jurisdictionName"',
        ])
        .addSelect([
          'e.estate_class AS "estateClass"',
          `to_char(e.first_delivery_date, 'YYYY-MM-DD') AS "firstDeliveryDate"`,
        ])
        .addSelect([
          'e.property_firm_id AS "propertyFirmId"',
          'e.developer_id AS "developerId"',
          'e.synthetic AS synthetic',
        ])
        .orderBy('e.jurisdiction_path')
        .addOrderBy('e.name')
        .offset((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .getRawMany<EstateSummary>(),
      qb.getCount(),
    ]);
    return { items: rows, total, page: query.page, pageSize: query.pageSize };
  }

  /** The estate if the caller may see it; 404 otherwise, so that other jurisdictions' data is not even confirmed. */
  async findVisible(principal: Principal, id: string): Promise<EstateEntity> {
    const estate = await this.visibleEstates(principal).andWhere('e.id = :id', { id }).getOne();
    if (!estate) throw notFound('ESTATE_NOT_FOUND', '小区不存在或不在您的辖区内');
    return estate;
  }

  async detail(principal: Principal, id: string) {
    const estate = await this.findVisible(principal, id);
    const [jurisdiction, [counts], liaisons] = await Promise.all([
      this.jurisdictions.findOneByOrFail({ code: estate.jurisdictionCode }),
      this.dataSource.query(
        `SELECT count(DISTINCT b.id)::int AS "buildingCount", count(u.id)::int AS "unitCount",
                coalesce(sum(u.exclusive_area), 0)::numeric(14,2)::text AS "totalExclusiveArea",
                count(DISTINCT u.voting_subject_id)::int AS "votingSubjectCount"
           FROM buildings b LEFT JOIN units u ON u.building_id = b.id WHERE b.estate_id = $1`,
        [id],
      ),
      this.dataSource.query(
        `SELECT level, person_name AS "personName" FROM estate_liaisons WHERE estate_id = $1 ORDER BY level`,
        [id],
      ),
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
    };
  }

  /** A government office registers an estate in a community of its own jurisdiction. */
  async create(principal: Principal, body: CreateEstateRequest) {
    const jurisdiction = await this.jurisdictions.findOneBy({ code: body.jurisdictionCode });
    if (!jurisdiction) throw new ApiError(422, 'UNKNOWN_JURISDICTION', `辖区代码 ${body.jurisdictionCode} 不存在`);
    if (jurisdiction.level !== 'community') throw new ApiError(422, 'NOT_A_COMMUNITY', '小区须登记在社区（村）一级');
    if (!jurisdiction.path.startsWith(principal.jurisdictionPath))
      throw new ApiError(403, 'OUTSIDE_JURISDICTION', '只能在本辖区内登记小区');
    await this.checkOrganisations(body);
    const estate = await this.estates.save(
      this.estates.create({
        name: body.name.trim(),
        jurisdictionCode: jurisdiction.code,
        jurisdictionPath: jurisdiction.path,
        firstDeliveryDate: body.firstDeliveryDate ?? null,
        developerId: body.developerId ?? null,
        propertyFirmId: body.propertyFirmId ?? null,
        address: body.address ?? null,
      }),
    );
    return this.detail(principal, estate.id);
  }

  async update(principal: Principal, id: string, body: UpdateEstateRequest) {
    const estate = await this.findVisible(principal, id);
    await this.checkOrganisations(body);
    Object.assign(estate, Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)));
    await this.estates.save(estate);
    return this.detail(principal, id);
  }

  private async checkOrganisations(body: { developerId?: string; propertyFirmId?: string }): Promise<void> {
    for (const [id, kind, label] of [
      [body.developerId, 'developer', '建设单位'],
      [body.propertyFirmId, 'property_firm', '物业服务企业'],
    ] as const) {
      if (id && !(await this.organisations.existsBy({ id, kind }))) {
        throw new ApiError(422, 'UNKNOWN_ORGANISATION', `${label} ${id} 不存在`);
      }
    }
  }

  async units(principal: Principal, id: string, page: number, pageSize: number) {
    await this.findVisible(principal, id);
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT u.id, b.name AS building, u.room_no AS "roomNo", u.exclusive_area::text AS "exclusiveArea",
                u.area_basis AS "areaBasis", u.delivered, u.voting_subject_id AS "votingSubjectId"
           FROM units u JOIN buildings b ON b.id = u.building_id
          WHERE u.estate_id = $1 ORDER BY b.name, u.room_no OFFSET $2 LIMIT $3`,
        [id, (page - 1) * pageSize, pageSize],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM units WHERE estate_id = $1`, [id]),
    ]);
    return { items, total, page, pageSize };
  }

  /** The owner roll with names and ID numbers masked: enough to check a roll, not to identify anyone. */
  async owners(principal: Principal, id: string, page: number, pageSize: number) {
    await this.findVisible(principal, id);
    const rows: Array<OwnerEntity & { votingSubjectId: string; units: string[] }> = await this.dataSource.query(
      `SELECT o.id, o.full_name AS "fullName", o.id_number AS "idNumber", o.phone, s.id AS "votingSubjectId",
              array_agg(b.name || ' ' || u.room_no ORDER BY b.name, u.room_no) AS units
         FROM voting_subjects s
         JOIN voting_subject_owners vso ON vso.voting_subject_id = s.id
         JOIN owners o ON o.id = vso.owner_id
         JOIN units u ON u.voting_subject_id = s.id
         JOIN buildings b ON b.id = u.building_id
        WHERE s.estate_id = $1
        GROUP BY o.id, s.id ORDER BY min(b.name || u.room_no) OFFSET $2 LIMIT $3`,
      [id, (page - 1) * pageSize, pageSize],
    );
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
    const owner = await this.dataSource.getRepository(OwnerEntity).findOneBy({ id: ownerId });
    if (!owner) throw notFound('OWNER_NOT_FOUND', '业主不存在');
    const isSelf = principal.role === 'owner' && principal.ownerId === ownerId;
    if (!isSelf) {
      if (!(IDENTITY_READERS as readonly string[]).includes(principal.role)) {
        throw new ApiError(403, 'ROLE_NOT_ALLOWED', '无权查看业主实名信息');
      }
      const visible = await this.visibleEstates(principal)
        .innerJoin('units', 'u', 'u.estate_id = e.id')
        .innerJoin(
          'voting_subject_owners',
          'vso',
          'vso.voting_subject_id = u.voting_subject_id AND vso.owner_id = :ownerId',
          { ownerId },
        )
        .getExists();
      if (!visible) throw notFound('OWNER_NOT_FOUND', '业主不存在或不在您的辖区内');
    }
    return {
      id: owner.id,
      name: owner.fullName,
      idNumber: owner.idNumber,
      phone: owner.phone,
      synthetic: owner.synthetic,
    };
  }
}
