import { ESTATE_CLASS_SCHEMES } from '../../../../libs/domain/src/estate-classes';
import { GOVERNMENT_ROLES, ROLES, type Role } from '../../../../libs/domain/src/roles';

// Labels shared with the API come from libs/domain (pure, no I/O); procedure types and stages come from
// GET /procedures/types, since libs/contracts imports the Temporal workflow SDK.
export { ROLES, type Role };

export function roleLabel(role: string | null | undefined): string {
  return role && role in ROLES ? ROLES[role as Role] : (role ?? '—');
}

/** Roles whose work is the inbox and cases (the office shell). */
export const OFFICE_ROLES: readonly Role[] = [...GOVERNMENT_ROLES, 'property_firm', 'developer'];

/** Roles that may reassign a task (POST /tasks/{id}/reassign). */
export const REASSIGN_ROLES: readonly Role[] = ['street_office', 'housing_bureau', 'admin'];

/** Who opens 运行监控 (GET /admin/…), as the API's @Roles on those routes. */
export const OPERATOR_ROLES: readonly Role[] = ['admin', 'housing_bureau'];

export const CHANNEL_LABELS: Record<string, string> = { in_app: '站内消息', sms: '短信', wechat: '微信' };

/** Roles that see the Temporal Web UI link of a case. */
export const TEMPORAL_UI_ROLES: readonly Role[] = ['developer', 'admin'];

const ESTATE_CLASSES: Record<string, string> = Object.assign({}, ...Object.values(ESTATE_CLASS_SCHEMES));

export const ESTATE_CLASS_OPTIONS = Object.entries(ESTATE_CLASSES).map(([value, label]) => ({
  value,
  label: label.replace(/（.*）$/, ''),
}));

export function estateClassLabel(estateClass: string | null | undefined): string {
  if (!estateClass) return '未定级';
  return ESTATE_CLASSES[estateClass]?.replace(/（.*）$/, '') ?? estateClass;
}

export const PROCEDURE_STATUS: Record<string, string> = {
  running: '办理中',
  completed: '已办结',
  cancelled: '已撤销',
};

export const TASK_STATUS: Record<string, string> = {
  open: '待办',
  completed: '已办结',
  withdrawn: '已撤回',
};
