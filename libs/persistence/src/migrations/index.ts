import { RegistryAndProcedures1763769600000 } from './1763769600000-registry-and-procedures';
import { CaseCore1763856000000 } from './1763856000000-case-core';
import { OwnersVotes1763942400000 } from './1763942400000-owners-votes';
import { VoteElections1764028800000 } from './1764028800000-vote-elections';
import { VoteRollObjections1764115200000 } from './1764115200000-vote-roll-objections';
import { Documents1764200000000 } from './1764200000000-documents';
import { Handovers1764300000000 } from './1764300000000-handovers';
import { MaintenanceFund1764400000000 } from './1764400000000-maintenance-fund';
import { Committees1764500000000 } from './1764500000000-committees';
import { JurisdictionPolicy1764600000000 } from './1764600000000-jurisdiction-policy';
import { OneRunningProcedure1764700000000 } from './1764700000000-one-running-procedure';
import { WorkCalendar1764800000000 } from './1764800000000-work-calendar';
import { Credentials1764900000000 } from './1764900000000-credentials';
import { DeliveryAndStuckActivities1765000000000 } from './1765000000000-delivery-and-stuck-activities';
import { VoteOrganiser1765100000000 } from './1765100000000-vote-organiser';
import { Complaints1765300000000 } from './1765300000000-complaints';
import { VoteEarlyClose1765400000000 } from './1765400000000-vote-early-close';
import { JointEnforcement1765500000000 } from './1765500000000-joint-enforcement';
import { OwnersAssembly1765600000000 } from './1765600000000-owners-assembly';
import { InboxOrderIndex1765700000000 } from './1765700000000-inbox-order-index';
import { CommitteeResolutions1765800000000 } from './1765800000000-committee-resolutions';
import { ReadModelListShape1765810000000 } from './1765810000000-read-model-list-shape';
import { InterimCommittees1765900000000 } from './1765900000000-interim-committees';
import { FormationPostings1766100000000 } from './1766100000000-formation-postings';
import { VoteParentProcedure1766200000000 } from './1766200000000-vote-parent-procedure';
import { ProblemLedger1766300000000 } from './1766300000000-problem-ledger';
import { Disputes1766400000000 } from './1766400000000-disputes';
import { Evaluations1766700000000 } from './1766700000000-evaluations';
import { PublicIncome1766800000000 } from './1766800000000-public-income';
import { KpiTargets1766900000000 } from './1766900000000-kpi-targets';
import { ProblemListKinds1767000000000 } from './1767000000000-problem-list-kinds';
import { FirmExits1767100000000 } from './1767100000000-firm-exits';
import { EstatePartyOrganisations1767200000000 } from './1767200000000-estate-party-organisations';
import { KpiTargetsEnforcementNotice1767200000001 } from './1767200000001-kpi-targets-enforcement-notice';
import { InspectionSignatures1767400000000 } from './1767400000000-inspection-signatures';
import { AccountAudits1767500000000 } from './1767500000000-account-audits';
import { ReadModelAtCityScale1767600000000 } from './1767600000000-read-model-at-city-scale';
import { InspectionAttendees1767900000000 } from './1767900000000-inspection-attendees';
import { FundUseThreshold1768000000000 } from './1768000000000-fund-use-threshold';
import { FundShortfalls1768100000000 } from './1768100000000-fund-shortfalls';
import { CommitteePeopleOwnerBackfill1768300000000 } from './1768300000000-committee-people-owner-backfill';
import { FundDeposits1768400000000 } from './1768400000000-fund-deposits';

/** Every migration in order; the data source lists them explicitly so bundles and tests find them alike. */
export const MIGRATIONS = [
  RegistryAndProcedures1763769600000,
  CaseCore1763856000000,
  OwnersVotes1763942400000,
  VoteElections1764028800000,
  VoteRollObjections1764115200000,
  Documents1764200000000,
  Handovers1764300000000,
  MaintenanceFund1764400000000,
  Committees1764500000000,
  JurisdictionPolicy1764600000000,
  OneRunningProcedure1764700000000,
  WorkCalendar1764800000000,
  Credentials1764900000000,
  DeliveryAndStuckActivities1765000000000,
  VoteOrganiser1765100000000,
  Complaints1765300000000,
  VoteEarlyClose1765400000000,
  JointEnforcement1765500000000,
  OwnersAssembly1765600000000,
  InboxOrderIndex1765700000000,
  CommitteeResolutions1765800000000,
  ReadModelListShape1765810000000,
  InterimCommittees1765900000000,
  FormationPostings1766100000000,
  VoteParentProcedure1766200000000,
  ProblemLedger1766300000000,
  Disputes1766400000000,
  Evaluations1766700000000,
  PublicIncome1766800000000,
  KpiTargets1766900000000,
  ProblemListKinds1767000000000,
  FirmExits1767100000000,
  EstatePartyOrganisations1767200000000,
  KpiTargetsEnforcementNotice1767200000001,
  InspectionSignatures1767400000000,
  AccountAudits1767500000000,
  ReadModelAtCityScale1767600000000,
  InspectionAttendees1767900000000,
  FundUseThreshold1768000000000,
  FundShortfalls1768100000000,
  CommitteePeopleOwnerBackfill1768300000000,
  FundDeposits1768400000000,
];
