import { ProcedureEntity, ProcedureEventEntity, EstateSurveyEntity } from './procedure.entities';
import {
  BuildingEntity,
  EstateEntity,
  EstateLiaisonEntity,
  JurisdictionEntity,
  OrganisationEntity,
  OwnerEntity,
  UnitEntity,
  UserEntity,
  VotingSubjectEntity,
  VotingSubjectOwnerEntity,
} from './registry.entities';

export * from './procedure.entities';
export * from './registry.entities';

export const ENTITIES = [
  JurisdictionEntity,
  OrganisationEntity,
  UserEntity,
  EstateEntity,
  EstateLiaisonEntity,
  BuildingEntity,
  VotingSubjectEntity,
  UnitEntity,
  OwnerEntity,
  VotingSubjectOwnerEntity,
  ProcedureEntity,
  ProcedureEventEntity,
  EstateSurveyEntity,
];
