/** Who acts in the suite. The zh-CN labels are the ones the UI and error messages show. */
export const ROLES = {
  street_office: '街道办/乡镇',
  community: '社区/居委会（村委会）',
  housing_bureau: '住建/物业主管部门',
  property_firm: '物业服务企业',
  developer: '建设单位',
  owner: '业主',
  department: '职能部门（公安/信访/消防/市场监管等）',
  admin: '系统管理员',
} as const;

export type Role = keyof typeof ROLES;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ROLES, value);
}

/** Roles whose reach is a part of the jurisdiction tree; the others reach what their organisation is party to. */
export const GOVERNMENT_ROLES: readonly Role[] = [
  'street_office',
  'community',
  'housing_bureau',
  'department',
  'admin',
];
