import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import { OFFICE_ROLES, OPERATOR_ROLES, type Role } from '../format/labels';
import { lazyPage, type PageComponent } from './lazy-page';

/** The offices GET /kpi/dashboard answers: the leaders of a jurisdiction and its 社区. */
const DASHBOARD_ROLES: readonly Role[] = ['community', 'street_office', 'housing_bureau', 'admin'];
/** The offices that read a street's 考评 runs and 通报 (GET /evaluations/runs/{id}); the firm reads its own 考评 too. */
const EVALUATION_OFFICE_ROLES: readonly Role[] = DASHBOARD_ROLES;
const EVALUATION_ROLES: readonly Role[] = [...DASHBOARD_ROLES, 'property_firm'];
/** Who reads the 清退 (GET /firm-exits): the offices, the leaving firm and its successor. */
const FIRM_EXIT_ROLES: readonly Role[] = EVALUATION_ROLES;

/**
 * The console's pages: one folder per page under src/pages, each loaded on first visit (its own chunk).
 * A page with `menu` appears in the side menu for the roles it lists; add a page by adding a row.
 */
export interface PageRoute {
  /** Path under /console/ (react-router syntax). */
  path: string;
  component: PageComponent;
  /** Who may open it; absent: everyone logged in. */
  roles?: readonly Role[];
  menu?: { label: string; icon: string };
}

export const ROUTES: PageRoute[] = [
  {
    path: 'inbox',
    component: lazyPage(() => import('../pages/inbox/InboxPage')),
    menu: { label: '我的待办', icon: 'inbox' },
  },
  {
    path: 'dashboard',
    component: lazyPage(() => import('../pages/dashboard/DashboardPage')),
    roles: DASHBOARD_ROLES,
    menu: { label: '四升一降', icon: 'dashboard' },
  },
  {
    path: 'procedures',
    component: lazyPage(() => import('../pages/procedures/ProceduresPage')),
    roles: OFFICE_ROLES,
    menu: { label: '程序', icon: 'procedures' },
  },
  {
    path: 'procedures/:workflowId',
    component: lazyPage(() => import('../pages/procedures/ProcedurePage')),
    roles: OFFICE_ROLES,
  },
  {
    path: 'complaints',
    component: lazyPage(() => import('../pages/complaints/ComplaintsPage')),
    roles: OFFICE_ROLES,
    menu: { label: '投诉信访', icon: 'complaints' },
  },
  {
    path: 'joint-enforcements',
    component: lazyPage(() => import('../pages/joint-enforcement/JointEnforcementPage')),
    roles: OFFICE_ROLES,
    menu: { label: '吹哨报到', icon: 'joint-enforcements' },
  },
  {
    path: 'problems',
    component: lazyPage(() => import('../pages/problems/ProblemsPage')),
    roles: OFFICE_ROLES,
    menu: { label: '问题清单', icon: 'problems' },
  },
  {
    path: 'disputes',
    component: lazyPage(() => import('../pages/disputes/DisputesPage')),
    roles: OFFICE_ROLES,
    menu: { label: '纠纷调解', icon: 'disputes' },
  },
  {
    path: 'evaluations',
    component: lazyPage(() => import('../pages/evaluations/EvaluationsPage')),
    roles: EVALUATION_ROLES,
    menu: { label: '精细化考评', icon: 'evaluations' },
  },
  {
    path: 'evaluations/bulletins',
    component: lazyPage(() => import('../pages/evaluations/BulletinPage')),
    roles: EVALUATION_OFFICE_ROLES,
  },
  {
    path: 'evaluations/runs/:runId',
    component: lazyPage(() => import('../pages/evaluations/EvaluationRunPage')),
    roles: EVALUATION_OFFICE_ROLES,
  },
  {
    path: 'evaluations/:scoreId',
    component: lazyPage(() => import('../pages/evaluations/EvaluationPage')),
    roles: EVALUATION_ROLES,
  },
  {
    path: 'credit',
    component: lazyPage(() => import('../pages/credit/CreditFirmsPage')),
    roles: [...GOVERNMENT_ROLES, 'property_firm'],
    menu: { label: '企业信用', icon: 'credit' },
  },
  {
    path: 'credit/:organisationId',
    component: lazyPage(() => import('../pages/credit/CreditFilePage')),
    roles: [...GOVERNMENT_ROLES, 'property_firm'],
  },
  {
    path: 'firm-exits',
    component: lazyPage(() => import('../pages/firm-exits/FirmExitsPage')),
    roles: FIRM_EXIT_ROLES,
    menu: { label: '清退', icon: 'firm-exits' },
  },
  {
    path: 'firm-exits/:exitId',
    component: lazyPage(() => import('../pages/firm-exits/FirmExitPage')),
    // A member of the estate's 业委会 confirms the handover here with their owner login (the API lets them read it).
    roles: [...FIRM_EXIT_ROLES, 'owner'],
  },
  {
    path: 'public-income',
    component: lazyPage(() => import('../pages/public-income/PublicIncomePage')),
    roles: OFFICE_ROLES,
    menu: { label: '公共收益', icon: 'public-income' },
  },
  {
    path: 'estates',
    component: lazyPage(() => import('../pages/estates/EstatesPage')),
    menu: { label: '小区', icon: 'estates' },
  },
  {
    path: 'estates/:estateId',
    component: lazyPage(() => import('../pages/estates/EstatePage')),
  },
  {
    path: 'votes/:voteId',
    component: lazyPage(() => import('../pages/votes/VotePage')),
    roles: OFFICE_ROLES,
  },
  {
    path: 'handovers/:handoverId',
    component: lazyPage(() => import('../pages/handovers/HandoverPage')),
    roles: OFFICE_ROLES,
  },
  {
    path: 'estates/:estateId/fund-applications/:applicationId',
    component: lazyPage(() => import('../pages/fund/FundApplicationPage')),
    // A member of the 业委会 votes on its 决议 here with their owner login (the API shows owners the application).
    roles: [...OFFICE_ROLES, 'owner'],
  },
  {
    path: 'estates/:estateId/formation',
    component: lazyPage(() => import('../pages/formation/FormationPage')),
    roles: OFFICE_ROLES,
  },
  {
    path: 'estates/:estateId/interim-committee',
    component: lazyPage(() => import('../pages/interim-committee/InterimCommitteePage')),
    roles: OFFICE_ROLES,
  },
  {
    path: 'operations',
    component: lazyPage(() => import('../pages/operations/OperationsPage')),
    roles: OPERATOR_ROLES,
    menu: { label: '运行监控', icon: 'operations' },
  },
  // Owners, on their phones (the owner shell's tab bar).
  {
    path: 'my/votes',
    component: lazyPage(() => import('../pages/owner/MyVotesPage')),
    roles: ['owner'],
    menu: { label: '表决', icon: 'votes' },
  },
  {
    path: 'my/votes/:voteId',
    component: lazyPage(() => import('../pages/owner/MyVotePage')),
    roles: ['owner'],
  },
  {
    path: 'my/requisitions',
    component: lazyPage(() => import('../pages/owner/MyRequisitionsPage')),
    roles: ['owner'],
  },
  {
    path: 'my/formation',
    component: lazyPage(() => import('../pages/owner/MyFormationPage')),
    roles: ['owner'],
  },
  {
    path: 'my/units',
    component: lazyPage(() => import('../pages/owner/MyUnitsPage')),
    roles: ['owner'],
    menu: { label: '我的房屋', icon: 'units' },
  },
  {
    path: 'my/public-income',
    component: lazyPage(() => import('../pages/owner/MyPublicIncomePage')),
    roles: ['owner'],
    menu: { label: '公共收益', icon: 'public-income' },
  },
  {
    path: 'my/fund',
    component: lazyPage(() => import('../pages/owner/MyFundPage')),
    roles: ['owner'],
    menu: { label: '维修资金', icon: 'fund' },
  },
];

/** A public page: no login (the estate's 公示栏, for a QR code at the gate). */
export const PUBLIC_ROUTES: Array<{ path: string; component: PageComponent }> = [
  { path: 'notice-board/:estateId', component: lazyPage(() => import('../pages/notice-board/NoticeBoardPage')) },
  { path: 'public/credit', component: lazyPage(() => import('../pages/credit/PublicCreditPage')) },
];

/** The console page of a case's own record, when its procedure has one (from the workflow id). */
export function subjectPath(workflowId: string, estateId: string): string | null {
  const id = (prefix: string) => (workflowId.startsWith(prefix) ? workflowId.slice(prefix.length) : null);
  const vote = id('owners-vote-');
  if (vote) return `/votes/${vote}`;
  const handover = id('handover-');
  if (handover) return `/handovers/${handover}`;
  const fundUse = id('maintenance-fund-use-');
  if (fundUse) return `/estates/${estateId}/fund-applications/${fundUse}`;
  if (workflowId.startsWith('committee-formation-')) return `/estates/${estateId}/formation`;
  if (workflowId.startsWith('interim-committee-')) return `/estates/${estateId}/interim-committee`;
  const firmExit = id('firm-exit-');
  if (firmExit) return `/firm-exits/${firmExit}`;
  const evaluation = id('evaluation-');
  if (evaluation && !evaluation.startsWith('run-')) return `/evaluations/${evaluation}`;
  return null;
}

/** Where a role lands after login. */
export function landingPath(role: Role): string {
  return role === 'owner' ? '/my/votes' : '/inbox';
}
