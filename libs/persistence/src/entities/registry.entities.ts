import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { JurisdictionLevel } from '../../../domain/src/jurisdiction';
import type { PolicyOverride } from '../../../domain/src/policy';
import type { Role } from '../../../domain/src/roles';

@Entity('jurisdictions')
export class JurisdictionEntity {
  /** National administrative division code. */
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: JurisdictionLevel;

  @Column({ name: 'parent_code', type: 'varchar', length: 12, nullable: true })
  parentCode!: string | null;

  /** Codes from the root, "/35/350500/350504/"; scoping is a prefix match on it. */
  @Index()
  @Column({ type: 'text' })
  path!: string;

  /** This jurisdiction's own policy values, applied after the code table's (`policyFor`). */
  @Column({ name: 'policy_override', type: 'jsonb', nullable: true })
  policyOverride!: PolicyOverride | null;
}

export type OrganisationKind =
  'street_office' | 'community' | 'housing_bureau' | 'property_firm' | 'developer' | 'department' | 'owners_committee';

@Entity('organisations')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: OrganisationKind;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 12 })
  jurisdictionCode!: string;

  /** 统一社会信用代码, for firms and developers. */
  @Column({ name: 'credit_code', type: 'varchar', length: 18, nullable: true })
  creditCode!: string | null;

  /** For departments: 公安, 信访, 消防, 市场监管, … */
  @Column({ name: 'department_kind', type: 'varchar', length: 32, nullable: true })
  departmentKind!: string | null;

  @Column({ type: 'boolean', default: false })
  synthetic!: boolean;
}

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 12 })
  jurisdictionCode!: string;

  /** For owner logins: the owner record this login speaks for. */
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'boolean', default: false })
  synthetic!: boolean;
}

@Entity('estates')
export class EstateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The community (社区/村) the estate lies in. */
  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 12 })
  jurisdictionCode!: string;

  @Index()
  @Column({ name: 'jurisdiction_path', type: 'text' })
  jurisdictionPath!: string;

  @Column({ name: 'estate_class', type: 'varchar', length: 32, nullable: true })
  estateClass!: string | null;

  /** The date the first unit was sold and delivered (闽条例 art 9 counts two years from it). */
  @Column({ name: 'first_delivery_date', type: 'date', nullable: true })
  firstDeliveryDate!: string | null;

  @Column({ name: 'developer_id', type: 'uuid', nullable: true })
  developerId!: string | null;

  @Column({ name: 'property_firm_id', type: 'uuid', nullable: true })
  propertyFirmId!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ type: 'boolean', default: false })
  synthetic!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

export type LiaisonLevel =
  'district_leader' | 'district_unit' | 'district_cadre' | 'town_cadre' | 'town_staff' | 'village_cadre';

/** 挂钩联系 (seed 000 附件2): the officials answerable for one estate. */
@Entity('estate_liaisons')
export class EstateLiaisonEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'estate_id', type: 'uuid' })
  estateId!: string;

  @ManyToOne(() => EstateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'estate_id' })
  estate?: EstateEntity;

  @Column({ type: 'varchar', length: 32 })
  level!: LiaisonLevel;

  @Column({ name: 'person_name', type: 'text' })
  personName!: string;
}

@Entity('buildings')
@Index(['estateId', 'name'], { unique: true })
export class BuildingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'estate_id', type: 'uuid' })
  estateId!: string;

  @Column({ type: 'text' })
  name!: string;
}

export type VotingSubjectKind = 'owner' | 'co_owners' | 'developer';

/** One head in an owners' vote (司法解释 art 9): an owner, a co-owner group, or the developer. */
@Entity('voting_subjects')
export class VotingSubjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'estate_id', type: 'uuid' })
  estateId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: VotingSubjectKind;
}

export type AreaBasis = 'register' | 'survey' | 'contract';

@Entity('units')
@Index(['buildingId', 'roomNo'], { unique: true })
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'estate_id', type: 'uuid' })
  estateId!: string;

  @Column({ name: 'building_id', type: 'uuid' })
  buildingId!: string;

  @Column({ name: 'room_no', type: 'varchar', length: 32 })
  roomNo!: string;

  /** 专有部分面积, m², kept exact: TypeORM hands numeric back as a string. */
  @Column({ name: 'exclusive_area', type: 'numeric', precision: 12, scale: 2 })
  exclusiveArea!: string;

  /** Which figure the area is (司法解释 art 8): register, else survey, else sale contract. */
  @Column({ name: 'area_basis', type: 'varchar', length: 16 })
  areaBasis!: AreaBasis;

  @Column({ type: 'boolean' })
  delivered!: boolean;

  @Index()
  @Column({ name: 'voting_subject_id', type: 'uuid' })
  votingSubjectId!: string;

  /** 不动产权证号 (synthetic in development data). */
  @Column({ name: 'certificate_no', type: 'varchar', length: 40, nullable: true })
  certificateNo!: string | null;
}

/** Real-name identity of an owner. Never leaves the API unmasked except to roles entitled to it. */
@Entity('owners')
export class OwnerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName!: string;

  @Column({ name: 'id_number', type: 'varchar', length: 18 })
  idNumber!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;

  @Column({ type: 'boolean', default: false })
  synthetic!: boolean;
}

@Entity('voting_subject_owners')
export class VotingSubjectOwnerEntity {
  @PrimaryColumn({ name: 'voting_subject_id', type: 'uuid' })
  votingSubjectId!: string;

  @PrimaryColumn({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;
}
