// Owns estates, owners_assemblies, buildings, units (with estate_unit_totals, kept by triggers on units), owners, voting_subjects, voting_subject_owners, jurisdictions, organisations, users, estate_liaisons, estate_party_organisations.
import { In, type DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { JurisdictionLevel } from '../../domain/src/jurisdiction';
import type { PartyOrganisationKind } from '../../domain/src/party-organisations';
import { GOVERNMENT_ROLES, type Role } from '../../domain/src/roles';
import { EstateEntity, JurisdictionEntity, OrganisationEntity, OwnerEntity, UserEntity } from './entities';

type Db = DataSource | EntityManager;

/** How many of the named buildings belong to the estate. */
export async function countEstateBuildings(db: Db, estateId: string, buildingIds: string[]): Promise<number> {
  const [{ n }] = await db.query(
    `SELECT count(*)::int AS n FROM buildings WHERE estate_id = $1 AND id = ANY($2::uuid[])`,
    [estateId, buildingIds],
  );
  return n;
}

/** How many of the named units (rooms) belong to the estate. */
export async function countEstateUnits(db: Db, estateId: string, unitIds: string[]): Promise<number> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM units WHERE estate_id = $1 AND id = ANY($2::uuid[])`, [
    estateId,
    unitIds,
  ]);
  return n;
}

/**
 * SQL: unit `alias` is in a scope of buildings (`$n`) and rooms (`$n+1`), both uuid[] — the whole estate when
 * both are empty, else the units of the buildings and the rooms named (a 维修资金 列支范围, its vote's roll).
 */
export const unitInScope = (alias: string, n: number) =>
  `((cardinality($${n}::uuid[]) = 0 AND cardinality($${n + 1}::uuid[]) = 0)
     OR ${alias}.building_id = ANY($${n}::uuid[]) OR ${alias}.id = ANY($${n + 1}::uuid[]))`;

/** How many units a scope of buildings and rooms holds (see unitInScope). */
export async function countUnitsInScope(
  db: Db,
  estateId: string,
  scope: { buildingIds: string[]; unitIds: string[] },
): Promise<number> {
  const [{ n }] = await db.query(
    `SELECT count(*)::int AS n FROM units u WHERE u.estate_id = $1 AND ${unitInScope('u', 2)}`,
    [estateId, scope.buildingIds, scope.unitIds],
  );
  return n;
}

/** Whether the owner holds a unit in a scope of buildings and rooms of the estate (one of its 相关业主). */
export async function ownerHoldsUnitInScope(
  db: Db,
  estateId: string,
  ownerId: string,
  scope: { buildingIds: string[]; unitIds: string[] },
): Promise<boolean> {
  const [row] = await db.query(
    `SELECT 1 FROM units u JOIN voting_subject_owners so ON so.voting_subject_id = u.voting_subject_id
      WHERE u.estate_id = $1 AND so.owner_id = $4 AND ${unitInScope('u', 2)} LIMIT 1`,
    [estateId, scope.buildingIds, scope.unitIds, ownerId],
  );
  return Boolean(row);
}

/** Who reads: a principal as the registry's scoping needs it (ids and codes only). */
export interface Viewer {
  role: Role;
  organisationId: string | null;
  jurisdictionPath: string;
  ownerId: string | null;
}

/** The path of a jurisdiction, or null for an unknown code. */
export async function jurisdictionPathOf(db: Db, code: string): Promise<string | null> {
  const [jurisdiction] = await db.query(`SELECT path FROM jurisdictions WHERE code = $1`, [code]);
  return jurisdiction ? jurisdiction.path : null;
}

/** Whether the user is an active clerk of that role and organisation (a reassignment's assignee). */
export async function isEligibleClerk(
  db: Db,
  userId: string,
  role: string,
  organisationId: string | null,
): Promise<boolean> {
  const [user] = await db.query(
    `SELECT id FROM users WHERE id = $1 AND active AND role = $2 AND organisation_id IS NOT DISTINCT FROM $3`,
    [userId, role, organisationId],
  );
  return Boolean(user);
}

/** An organisation's jurisdiction level and path, or undefined for an unknown organisation. */
export async function organisationJurisdiction(
  db: Db,
  organisationId: string,
): Promise<{ level: JurisdictionLevel; path: string } | undefined> {
  const [own] = await db.query(
    `SELECT j.level, j.path FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code WHERE o.id = $1`,
    [organisationId],
  );
  return own;
}

/** An organisation of a kind at a level of the jurisdiction tree above (or at) a path. */
export async function organisationAtLevelAbove(
  db: Db,
  kind: string,
  level: string,
  path: string,
): Promise<string | null> {
  const [found] = await db.query(
    `SELECT o.id FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code
      WHERE o.kind = $1 AND j.level = $2 AND $3 LIKE j.path || '%' LIMIT 1`,
    [kind, level, path],
  );
  return found ? found.id : null;
}

/** A WHERE condition with its named parameters, to AND into a query builder or nest in another condition. */
export interface ScopeCondition {
  where: string;
  params: ObjectLiteral;
}

/**
 * What the viewer may see of the estates aliased `alias`: government roles their part of the jurisdiction
 * tree; firms and developers the estates their organisation serves or built; owners the estates where they
 * hold a unit.
 */
export function estateScope(alias: string, viewer: Viewer): ScopeCondition {
  if (GOVERNMENT_ROLES.includes(viewer.role)) {
    return {
      where: `${alias}.jurisdiction_path LIKE :scopePath`,
      params: { scopePath: `${viewer.jurisdictionPath}%` },
    };
  }
  switch (viewer.role) {
    case 'property_firm':
      return { where: `${alias}.property_firm_id = :scopeOrg`, params: { scopeOrg: viewer.organisationId } };
    case 'developer':
      return { where: `${alias}.developer_id = :scopeOrg`, params: { scopeOrg: viewer.organisationId } };
    case 'owner':
      return {
        where: `${alias}.id IN (SELECT u.estate_id FROM units u
           JOIN voting_subject_owners vso ON vso.voting_subject_id = u.voting_subject_id
          WHERE vso.owner_id = :scopeOwner)`,
        params: { scopeOwner: viewer.ownerId },
      };
    default:
      return { where: 'false', params: {} };
  }
}

/** Restricts a query on estates (aliased `alias`) to what the caller may see (`estateScope`). */
export function scopeEstates<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  viewer: Viewer,
): SelectQueryBuilder<T> {
  const scope = estateScope(alias, viewer);
  return qb.andWhere(scope.where, scope.params);
}

// ---- estates ----

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

function visibleEstates(db: Db, viewer: Viewer) {
  const qb = db
    .getRepository(EstateEntity)
    .createQueryBuilder('e')
    .innerJoin(JurisdictionEntity, 'j', 'j.code = e.jurisdiction_code');
  return scopeEstates(qb, 'e', viewer);
}

export interface EstateFilter {
  /** Part of the name. */
  q?: string;
  estateClass?: string;
  /** A jurisdiction path: this jurisdiction and everything under it. */
  filterPath?: string;
}

/** The estates the viewer may see, filtered, in jurisdiction order; one page and the total. */
export async function listEstates(
  db: Db,
  viewer: Viewer,
  filter: EstateFilter,
  page: number,
  pageSize: number,
): Promise<[EstateSummary[], number]> {
  const qb = visibleEstates(db, viewer);
  if (filter.q) qb.andWhere('e.name LIKE :q', { q: `%${filter.q.replace(/[%_\\]/g, '\\$&')}%` });
  if (filter.estateClass) qb.andWhere('e.estate_class = :estateClass', { estateClass: filter.estateClass });
  if (filter.filterPath !== undefined) {
    qb.andWhere('e.jurisdiction_path LIKE :filterPath', { filterPath: `${filter.filterPath}%` });
  }
  return Promise.all([
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
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getRawMany<EstateSummary>(),
    qb.getCount(),
  ]);
}

/** The estate if the viewer may see it, else null. */
export function findVisibleEstate(db: Db, viewer: Viewer, id: string): Promise<EstateEntity | null> {
  return visibleEstates(db, viewer).andWhere('e.id = :id', { id }).getOne();
}

/** The estates of that name the viewer may see (a 12345 order names its estate by name only). */
export function visibleEstatesNamed(db: Db, viewer: Viewer, name: string): Promise<EstateEntity[]> {
  return visibleEstates(db, viewer).andWhere('e.name = :name', { name }).take(2).getMany();
}

/** Buildings, units, exclusive area and voting subjects of an estate. */
export async function estateCounts(
  db: Db,
  estateId: string,
): Promise<{ buildingCount: number; unitCount: number; totalExclusiveArea: string; votingSubjectCount: number }> {
  const [counts] = await db.query(
    `SELECT count(DISTINCT b.id)::int AS "buildingCount", count(u.id)::int AS "unitCount",
            coalesce(sum(u.exclusive_area), 0)::numeric(14,2)::text AS "totalExclusiveArea",
            count(DISTINCT u.voting_subject_id)::int AS "votingSubjectCount"
       FROM buildings b LEFT JOIN units u ON u.building_id = b.id WHERE b.estate_id = $1`,
    [estateId],
  );
  return counts;
}

export async function estateLiaisons(db: Db, estateId: string): Promise<Array<{ level: string; personName: string }>> {
  return db.query(
    `SELECT level, person_name AS "personName" FROM estate_liaisons WHERE estate_id = $1 ORDER BY level`,
    [estateId],
  );
}

/** What a 公示栏 heads with: the estate's name and its community's. */
export async function estateHeading(
  db: Db,
  estateId: string,
): Promise<{ name: string; jurisdictionName: string; path: string } | undefined> {
  const [estate] = await db.query(
    `SELECT e.name, j.name AS "jurisdictionName", e.jurisdiction_path AS path FROM estates e JOIN jurisdictions j ON j.code = e.jurisdiction_code WHERE e.id = $1`,
    [estateId],
  );
  return estate;
}

/** An estate by id, whoever asks (a step's door, once the case was found for its caller). */
export function findEstate(db: Db, id: string): Promise<EstateEntity | null> {
  return db.getRepository(EstateEntity).findOneBy({ id });
}

export async function findEstateName(db: Db, estateId: string): Promise<{ name: string } | undefined> {
  const [estate] = await db.query(`SELECT name FROM estates WHERE id = $1`, [estateId]);
  return estate;
}

export async function createEstate(
  db: Db,
  fields: Pick<
    EstateEntity,
    | 'name'
    | 'jurisdictionCode'
    | 'jurisdictionPath'
    | 'firstDeliveryDate'
    | 'developerId'
    | 'propertyFirmId'
    | 'address'
  >,
): Promise<EstateEntity> {
  const estates = db.getRepository(EstateEntity);
  return estates.save(estates.create(fields));
}

/** Saves a changed estate (its version column counts the change). */
export async function saveEstate(db: Db, estate: EstateEntity): Promise<void> {
  await db.getRepository(EstateEntity).save(estate);
}

/** Records an estate's class when it changed (the survey's classification). */
export async function setEstateClass(db: Db, estateId: string, estateClass: string): Promise<void> {
  await db.query(
    `UPDATE estates SET estate_class = $2, updated_at = now(), version = version + 1
      WHERE id = $1 AND estate_class IS DISTINCT FROM $2`,
    [estateId, estateClass],
  );
}

/**
 * The estate's firm after a 清退: the successor, or none; only while the leaving firm is still registered, so a
 * retry, or a change the registry made meanwhile, is left alone.
 */
export async function replaceEstateFirm(
  db: Db,
  estateId: string,
  leavingFirmId: string,
  successorFirmId: string | null,
): Promise<void> {
  await db.query(
    `UPDATE estates SET property_firm_id = $3, updated_at = now(), version = version + 1
      WHERE id = $1 AND property_firm_id = $2`,
    [estateId, leavingFirmId, successorFirmId],
  );
}

/** The registry's delivery figures of an estate: total and delivered exclusive area. */
export async function estateDeliveredArea(
  db: Db,
  estateId: string,
): Promise<{ totalArea: string; deliveredArea: string }> {
  const [row] = await db.query(
    `SELECT total_area::text AS "totalArea", delivered_area::text AS "deliveredArea"
       FROM estate_unit_totals WHERE estate_id = $1`,
    [estateId],
  );
  return row ?? { totalArea: '0.00', deliveredArea: '0.00' };
}

// ---- units and owners ----

export async function unitsPage(
  db: Db,
  estateId: string,
  page: number,
  pageSize: number,
): Promise<{ items: unknown[]; total: number }> {
  const [items, [{ total }]] = await Promise.all([
    // Building by building (names are unique in an estate), each giving at most the rows up to the page's end in
    // room order (idx_units_building_room): a 10,000-unit estate's page reads its rows, not the estate's units.
    db.query(
      `SELECT u.id, b.name AS building, u.room_no AS "roomNo", u.exclusive_area::text AS "exclusiveArea",
              u.area_basis AS "areaBasis", u.delivered, u.voting_subject_id AS "votingSubjectId"
         FROM buildings b
              CROSS JOIN LATERAL (SELECT * FROM units u WHERE u.building_id = b.id ORDER BY u.room_no LIMIT $2::int + $3::int) u
        WHERE b.estate_id = $1 ORDER BY b.name, u.room_no OFFSET $2 LIMIT $3`,
      [estateId, (page - 1) * pageSize, pageSize],
    ),
    db.query(`SELECT count(*)::int AS total FROM units WHERE estate_id = $1`, [estateId]),
  ]);
  return { items, total };
}

/** One page of the owner roll in clear (the caller masks it): each owner with their subject and rooms. */
export async function ownerRollPage(
  db: Db,
  estateId: string,
  page: number,
  pageSize: number,
): Promise<Array<OwnerEntity & { votingSubjectId: string; units: string[] }>> {
  return db.query(
    `SELECT o.id, o.full_name AS "fullName", o.id_number AS "idNumber", o.phone, s.id AS "votingSubjectId",
            array_agg(b.name || ' ' || u.room_no ORDER BY b.name, u.room_no) AS units
       FROM voting_subjects s
       JOIN voting_subject_owners vso ON vso.voting_subject_id = s.id
       JOIN owners o ON o.id = vso.owner_id
       JOIN units u ON u.voting_subject_id = s.id
       JOIN buildings b ON b.id = u.building_id
      WHERE s.estate_id = $1
      GROUP BY o.id, s.id ORDER BY min(b.name || u.room_no) OFFSET $2 LIMIT $3`,
    [estateId, (page - 1) * pageSize, pageSize],
  );
}

/** The units an owner holds (through any voting subject), with the 不动产权证号: for the owner themself only. */
export async function ownerUnits(db: Db, ownerId: string): Promise<unknown[]> {
  return db.query(
    `SELECT u.id AS "unitId", u.estate_id AS "estateId", e.name AS "estateName", b.name AS building, u.room_no AS "roomNo",
            u.exclusive_area::text AS area, u.certificate_no AS "certificateNo", u.delivered,
            vs.kind AS "subjectKind"
       FROM units u JOIN voting_subject_owners vso ON vso.voting_subject_id = u.voting_subject_id
       JOIN voting_subjects vs ON vs.id = u.voting_subject_id
       JOIN estates e ON e.id = u.estate_id JOIN buildings b ON b.id = u.building_id
      WHERE vso.owner_id = $1 ORDER BY e.name, b.name, u.room_no`,
    [ownerId],
  );
}

export function findOwner(db: Db, ownerId: string): Promise<OwnerEntity | null> {
  return db.getRepository(OwnerEntity).findOneBy({ id: ownerId });
}

/** Whether the owner holds a unit in an estate the viewer may see. */
export function ownerVisibleTo(db: Db, viewer: Viewer, ownerId: string): Promise<boolean> {
  return visibleEstates(db, viewer)
    .innerJoin('units', 'u', 'u.estate_id = e.id')
    .innerJoin(
      'voting_subject_owners',
      'vso',
      'vso.voting_subject_id = u.voting_subject_id AND vso.owner_id = :ownerId',
      {
        ownerId,
      },
    )
    .getExists();
}

/** The unit's estate and voting subject, or undefined. */
export async function findUnit(db: Db, unitId: string): Promise<{ estateId: string; subjectId: string } | undefined> {
  const [unit] = await db.query(
    `SELECT estate_id AS "estateId", voting_subject_id AS "subjectId" FROM units WHERE id = $1`,
    [unitId],
  );
  return unit;
}

/** Locks the unit's row for a transfer (call inside a transaction). */
export async function lockUnit(m: EntityManager, unitId: string): Promise<void> {
  await m.query(`SELECT 1 FROM units WHERE id = $1 FOR UPDATE`, [unitId]);
}

/** The owner registered with this ID number, or a new one. */
export async function findOrCreateOwner(
  db: Db,
  fullName: string,
  idNumber: string,
  phone: string | null,
): Promise<string> {
  const [existing] = await db.query(`SELECT id FROM owners WHERE id_number = $1 LIMIT 1`, [idNumber]);
  if (existing) return existing.id;
  const [created] = await db.query(
    `INSERT INTO owners (full_name, id_number, phone) VALUES ($1, $2, $3) RETURNING id`,
    [fullName, idNumber, phone],
  );
  return created.id;
}

/** The estate's subject held by exactly these owners, or a new one. */
export async function findOrCreateVotingSubject(db: Db, estateId: string, ownerIds: string[]): Promise<string> {
  const [existing] = await db.query(
    `SELECT s.id FROM voting_subjects s JOIN voting_subject_owners vso ON vso.voting_subject_id = s.id
      WHERE s.estate_id = $1 AND s.kind <> 'developer'
      GROUP BY s.id HAVING array_agg(vso.owner_id ORDER BY vso.owner_id) = (SELECT array_agg(x ORDER BY x) FROM unnest($2::uuid[]) x)
      LIMIT 1`,
    [estateId, ownerIds],
  );
  if (existing) return existing.id;
  const [subject] = await db.query(`INSERT INTO voting_subjects (estate_id, kind) VALUES ($1, $2) RETURNING id`, [
    estateId,
    ownerIds.length > 1 ? 'co_owners' : 'owner',
  ]);
  await db.query(`INSERT INTO voting_subject_owners (voting_subject_id, owner_id) SELECT $1, unnest($2::uuid[])`, [
    subject.id,
    ownerIds,
  ]);
  return subject.id;
}

/** 产权变更 of one unit: its new subject and certificate; a transferred unit is delivered. */
export async function transferUnit(db: Db, unitId: string, subjectId: string, certificateNo: string): Promise<void> {
  await db.query(`UPDATE units SET voting_subject_id = $2, certificate_no = $3, delivered = true WHERE id = $1`, [
    unitId,
    subjectId,
    certificateNo,
  ]);
}

// ---- jurisdictions, organisations, users ----

export function findJurisdiction(db: Db, code: string): Promise<JurisdictionEntity | null> {
  return db.getRepository(JurisdictionEntity).findOneBy({ code });
}

/** The jurisdiction of a code known to exist (an estate's, a user's); throws otherwise. */
export function getJurisdiction(db: Db, code: string): Promise<JurisdictionEntity> {
  return db.getRepository(JurisdictionEntity).findOneByOrFail({ code });
}

/** A jurisdiction and everything under it, in path order. */
export function jurisdictionsUnder(db: Db, path: string): Promise<JurisdictionEntity[]> {
  return db
    .getRepository(JurisdictionEntity)
    .createQueryBuilder('j')
    .where('j.path LIKE :path', { path: `${path}%` })
    .orderBy('j.path')
    .getMany();
}

export async function jurisdictionNames(db: Db, codes: string[]): Promise<Array<{ code: string; name: string }>> {
  return db.query(`SELECT code, name FROM jurisdictions WHERE code = ANY($1)`, [codes]);
}

/** The jurisdictions one level below a code, in code order (the 四升一降 drill-down). */
export async function jurisdictionChildren(
  db: Db,
  code: string,
): Promise<Array<{ code: string; name: string; level: string; path: string }>> {
  return db.query(`SELECT code, name, level, path FROM jurisdictions WHERE parent_code = $1 ORDER BY code`, [code]);
}

/**
 * For the 四升一降 dashboard: each estate under a path (`pathPattern` ends with %), whether a firm serves it, whether
 * it has a 挂钩 liaison and whether its party organisation is registered.
 */
export async function estateServiceFacts(
  db: Db,
  pathPattern: string,
): Promise<
  Array<{
    id: string;
    name: string;
    path: string;
    hasFirm: boolean;
    hasLiaison: boolean;
    hasPartyOrganisation: boolean;
  }>
> {
  return db.query(
    `SELECT e.id, e.name, e.jurisdiction_path AS path, e.property_firm_id IS NOT NULL AS "hasFirm",
            EXISTS (SELECT 1 FROM estate_liaisons l WHERE l.estate_id = e.id) AS "hasLiaison",
            EXISTS (SELECT 1 FROM estate_party_organisations p WHERE p.estate_id = e.id) AS "hasPartyOrganisation"
       FROM estates e WHERE e.jurisdiction_path LIKE $1 ORDER BY e.name`,
    [pathPattern],
  );
}

export interface EstatePartyOrganisation {
  kind: PartyOrganisationKind;
  name: string;
  /** YYYY-MM-DD */
  establishedOn: string;
}

/** An estate's registered party organisation, or null. */
export async function estatePartyOrganisation(db: Db, estateId: string): Promise<EstatePartyOrganisation | null> {
  const [row] = await db.query(
    `SELECT kind, name, to_char(established_on, 'YYYY-MM-DD') AS "establishedOn"
       FROM estate_party_organisations WHERE estate_id = $1`,
    [estateId],
  );
  return row ?? null;
}

/** Records (or replaces) an estate's party organisation; the same values again change nothing but who and when. */
export async function setEstatePartyOrganisation(
  db: Db,
  estateId: string,
  organisation: EstatePartyOrganisation,
  recordedBy: string,
): Promise<void> {
  await db.query(
    `INSERT INTO estate_party_organisations (estate_id, kind, name, established_on, recorded_by)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (estate_id) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name,
       established_on = EXCLUDED.established_on, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
    [estateId, organisation.kind, organisation.name, organisation.establishedOn, recordedBy],
  );
}

/** The organisation directory, optionally of one kind. */
export function listOrganisations(db: Db, kind?: OrganisationEntity['kind']): Promise<OrganisationEntity[]> {
  return db.getRepository(OrganisationEntity).find({
    where: kind ? { kind } : {},
    order: { kind: 'ASC', name: 'ASC' },
  });
}

export function findOrganisation(db: Db, id: string): Promise<OrganisationEntity | null> {
  return db.getRepository(OrganisationEntity).findOneBy({ id });
}

/** How many of the estates lie under a jurisdiction path. */
export async function countEstatesUnder(db: Db, ids: string[], path: string): Promise<number> {
  const [{ n }] = await db.query(
    `SELECT count(*)::int AS n FROM estates WHERE id = ANY($1) AND jurisdiction_path LIKE $2`,
    [ids, `${path}%`],
  );
  return n;
}

/** How many of the ids are organisations of the kind (a list naming only such organisations has them all). */
export function countOrganisations(db: Db, ids: string[], kind: OrganisationEntity['kind']): Promise<number> {
  return db.getRepository(OrganisationEntity).countBy({ id: In(ids), kind });
}

export function organisationExists(db: Db, id: string, kind: OrganisationEntity['kind']): Promise<boolean> {
  return db.getRepository(OrganisationEntity).existsBy({ id, kind });
}

/** An organisation's registered name. */
export async function organisationName(db: Db, organisationId: string): Promise<string | undefined> {
  const [row] = await db.query(`SELECT name FROM organisations WHERE id = $1`, [organisationId]);
  return row?.name;
}

export function isPropertyFirm(db: Db, organisationId: string): Promise<boolean> {
  return organisationExists(db, organisationId, 'property_firm');
}

/** An estate's 业主大会, established by its first successful meeting (the formation's election). */
export interface OwnersAssembly {
  establishedOn: string;
  establishedByWorkflowId: string;
  establishedByVoteId: string;
}

export async function ownersAssemblyOf(db: Db, estateId: string): Promise<OwnersAssembly | null> {
  const [row] = await db.query(
    `SELECT to_char(established_on, 'YYYY-MM-DD') AS "establishedOn", established_by_workflow_id AS "establishedByWorkflowId",
            established_by_vote_id AS "establishedByVoteId"
       FROM owners_assemblies WHERE estate_id = $1`,
    [estateId],
  );
  return row ?? null;
}

/** Records the 业主大会 once: a later meeting (a 换届 election) leaves the first date standing. */
export async function recordOwnersAssembly(db: Db, estateId: string, assembly: OwnersAssembly): Promise<void> {
  await db.query(
    `INSERT INTO owners_assemblies (estate_id, established_on, established_by_workflow_id, established_by_vote_id)
     VALUES ($1, $2, $3, $4) ON CONFLICT (estate_id) DO NOTHING`,
    [estateId, assembly.establishedOn, assembly.establishedByWorkflowId, assembly.establishedByVoteId],
  );
}

/** The 居（村）委会 registered in a community. */
export async function communityOffice(db: Db, jurisdictionCode: string): Promise<string | null> {
  const [community] = await db.query(
    `SELECT id FROM organisations WHERE kind = 'community' AND jurisdiction_code = $1 LIMIT 1`,
    [jurisdictionCode],
  );
  return community ? community.id : null;
}

/** The 居（村）委会 of an estate's community. */
export async function communityOfficeOfEstate(db: Db, estateId: string): Promise<string | null> {
  const [community] = await db.query(
    `SELECT o.id FROM organisations o JOIN estates e ON e.jurisdiction_code = o.jurisdiction_code WHERE e.id = $1 AND o.kind = 'community' LIMIT 1`,
    [estateId],
  );
  return community ? community.id : null;
}

/** The nearest housing bureau above a jurisdiction path. */
export async function nearestHousingBureau(db: Db, path: string): Promise<string | null> {
  const [bureau] = await db.query(
    `SELECT o.id FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code
      WHERE o.kind = 'housing_bureau' AND $1 LIKE j.path || '%' ORDER BY length(j.path) DESC LIMIT 1`,
    [path],
  );
  return bureau ? bureau.id : null;
}

/** The nearest department of a kind above a jurisdiction path (a 派出所 of the town before the county's 公安局). */
export async function nearestDepartment(db: Db, departmentKind: string, path: string): Promise<string | null> {
  const [found] = await db.query(
    `SELECT o.id FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code
      WHERE o.kind = 'department' AND o.department_kind = $1 AND $2 LIKE j.path || '%' ORDER BY length(j.path) DESC LIMIT 1`,
    [departmentKind, path],
  );
  return found ? found.id : null;
}

/** An active account by user name (development login). */
export function findActiveUserById(db: Db, id: string): Promise<UserEntity | null> {
  return db.getRepository(UserEntity).findOneBy({ id, active: true });
}

export function findActiveUser(db: Db, username: string): Promise<UserEntity | null> {
  return db.getRepository(UserEntity).findOneBy({ username, active: true });
}

/** The active accounts with their organisation and jurisdiction names, for the development login's list. */
export function listActiveAccounts(db: Db): Promise<
  Array<{
    username: string;
    displayName: string;
    role: Role;
    organisationName: string | null;
    jurisdictionCode: string;
    jurisdictionName: string;
  }>
> {
  return db.query(
    `SELECT u.username, u.display_name AS "displayName", u.role, o.name AS "organisationName",
            u.jurisdiction_code AS "jurisdictionCode", j.name AS "jurisdictionName"
       FROM users u
       JOIN jurisdictions j ON j.code = u.jurisdiction_code
       LEFT JOIN organisations o ON o.id = u.organisation_id
      WHERE u.active
      ORDER BY j.path, u.role, u.username`,
  );
}

/** The names of the given estates. */
export async function estateNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows: Array<{ id: string; name: string }> = await db.query(
    `SELECT id, name FROM estates WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The active clerks of an organisation in a role (whom a task of that organisation can be reassigned to). */
export function organisationClerks(
  db: Db,
  organisationId: string,
  role: string,
): Promise<Array<{ id: string; displayName: string; role: Role }>> {
  return db.query(
    `SELECT id, display_name AS "displayName", role FROM users
      WHERE organisation_id = $1 AND role = $2 AND active ORDER BY display_name`,
    [organisationId, role],
  );
}

/** Of `ownerIds`, those who own a unit of the estate (through its voting subjects), with their registered names. */
export async function estateOwnersAmong(
  db: Db,
  estateId: string,
  ownerIds: string[],
): Promise<Array<{ ownerId: string; fullName: string }>> {
  return db.query(
    `SELECT o.id AS "ownerId", o.full_name AS "fullName" FROM owners o
      WHERE o.id = ANY($2::uuid[])
        AND EXISTS (SELECT 1 FROM voting_subject_owners so JOIN units u ON u.voting_subject_id = so.voting_subject_id
                     WHERE so.owner_id = o.id AND u.estate_id = $1)`,
    [estateId, ownerIds],
  );
}
