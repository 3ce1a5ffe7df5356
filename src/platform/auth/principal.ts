import type { OrgLevel, Role } from '../organisations/domain/org-level.js';

/** Who is acting: an account, its role, and the organisation whose subtree bounds what it sees. */
export interface Principal {
  accountId: string;
  role: Role;
  organisationId: string;
  organisationCode: string;
  organisationLevel: OrgLevel;
  organisationPath: string;
  /** False for a school registrar whose filing (备案) or training is not recorded: it may read, not act (第二十二条). */
  registrarFiled: boolean;
  /** A token issued after an expired password: it may only change the password. */
  passwordChangeOnly: boolean;
}

/**
 * The one subtree filter every module uses: `column LIKE :scopePrefix`. Paths hold only
 * digits and slashes, so the prefix needs no escaping.
 */
export function subtreeFilter(principal: Principal, pathColumn: string, param = 'scopePrefix') {
  return { where: `${pathColumn} LIKE :${param}`, params: { [param]: `${principal.organisationPath}%` } };
}
