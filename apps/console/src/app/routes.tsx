import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { OFFICE_ROLES, type Role } from '../format/labels';

/**
 * The console's pages: one folder per page under src/pages, each loaded on first visit (its own chunk).
 * A page with `menu` appears in the side menu for the roles it lists; add a page by adding a row.
 */
export interface PageRoute {
  /** Path under /console/ (react-router syntax). */
  path: string;
  component: LazyExoticComponent<ComponentType>;
  /** Who may open it; absent: everyone logged in. */
  roles?: readonly Role[];
  menu?: { label: string; icon: string };
}

export const ROUTES: PageRoute[] = [
  {
    path: 'inbox',
    component: lazy(() => import('../pages/inbox/InboxPage')),
    menu: { label: '我的待办', icon: 'inbox' },
  },
  {
    path: 'procedures',
    component: lazy(() => import('../pages/procedures/ProceduresPage')),
    roles: OFFICE_ROLES,
    menu: { label: '程序', icon: 'procedures' },
  },
  {
    path: 'procedures/:workflowId',
    component: lazy(() => import('../pages/procedures/ProcedurePage')),
    roles: OFFICE_ROLES,
  },
  {
    path: 'estates',
    component: lazy(() => import('../pages/estates/EstatesPage')),
    menu: { label: '小区', icon: 'estates' },
  },
  {
    path: 'estates/:estateId',
    component: lazy(() => import('../pages/estates/EstatePage')),
  },
];

/** Where a role lands after login. */
export function landingPath(_role: Role): string {
  return '/inbox';
}
