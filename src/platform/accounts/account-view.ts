import type { AccountEntity } from './account.entity.js';

/** An account as the API shows it: its standing, never its password, codes or secrets. */
export interface AccountView {
  id: string;
  username: string;
  role: string;
  organisationCode: string;
  status: string;
  passwordChangedAt: string | null;
  lastLoginAt: string | null;
  totpEnabled: boolean;
  /** 备案 of a school registrar (第二十二条); null until recorded. */
  filing: { filedOn: string; reference: string } | null;
  training: { trainedOn: string; course: string } | null;
}

/** What an authority hands to the holder: the code, shown this once. */
export interface ActivationIssued {
  account: AccountView;
  activationCode: string;
  activationExpiresAt: string;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const day = (value: Date | string | null) => (value === null ? null : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

export function accountView(account: AccountEntity, organisationCode: string): AccountView {
  return {
    id: account.id,
    username: account.username,
    role: account.role,
    organisationCode,
    status: account.status,
    passwordChangedAt: iso(account.passwordChangedAt),
    lastLoginAt: iso(account.lastLoginAt),
    totpEnabled: account.totpConfirmedAt !== null,
    filing: account.filedOn && account.filingReference ? { filedOn: day(account.filedOn)!, reference: account.filingReference } : null,
    training: account.trainedOn && account.trainingCourse ? { trainedOn: day(account.trainedOn)!, course: account.trainingCourse } : null,
  };
}

/** The same view from a raw row (`SELECT a.*, o.code AS organisation_code`). */
export function accountViewOfRow(row: Record<string, unknown>): AccountView {
  return {
    id: row.id as string,
    username: row.username as string,
    role: row.role as string,
    organisationCode: row.organisation_code as string,
    status: row.status as string,
    passwordChangedAt: iso(row.password_changed_at as Date | null),
    lastLoginAt: iso(row.last_login_at as Date | null),
    totpEnabled: row.totp_confirmed_at !== null,
    filing: row.filed_on && row.filing_reference ? { filedOn: day(row.filed_on as string)!, reference: row.filing_reference as string } : null,
    training: row.trained_on && row.training_course ? { trainedOn: day(row.trained_on as string)!, course: row.training_course as string } : null,
  };
}
