import { m, type Msg } from '../shared/i18n.ts';

export const ROLES = ['call_taker', 'dispatcher', 'supervisor', 'clerk', 'investigator', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

const LABELS: Record<Role, Msg> = {
  call_taker: m('Cán bộ tiếp nhận cuộc gọi', 'Call taker'),
  dispatcher: m('Điều phối viên', 'Dispatcher'),
  supervisor: m('Cán bộ giám sát', 'Supervisor'),
  clerk: m('Văn thư', 'Clerk'),
  investigator: m('Điều tra viên', 'Investigator'),
  admin: m('Quản trị viên', 'Administrator'),
  auditor: m('Kiểm toán viên', 'Auditor'),
};

/** "Điều phối viên (dispatcher)": the label in the current language and the role's code. */
export function roleMsg(role: string): Msg {
  const label = (LABELS as Record<string, Msg | undefined>)[role];
  if (!label) return m(role, role);
  return m(`${label.vi} (${role})`, `${label.en} (${role})`);
}

export function canReadAudit(role: string): boolean {
  return role === 'auditor' || role === 'admin';
}
export function canVerifyAudit(role: string): boolean {
  return role === 'auditor';
}
export function canManageUsers(role: string): boolean {
  return role === 'admin';
}
