import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ACCESS_KEY, type AccessRule } from '../../src/platform/auth/access.decorator.js';
import { formatStudentNumber } from '../../src/registry/domain/student-number.js';
import { residentId, type TestApp } from './test-app.js';

export interface Route {
  method: string;
  /** OpenAPI style: /students/{id} */
  path: string;
  access: AccessRule | undefined;
}

/** Every route of the running application, read from its controllers as Nest registered them. */
export function collectRoutes(t: TestApp): Route[] {
  const modules = t.app.get(ModulesContainer);
  const scanner = new MetadataScanner();
  const reflector = t.app.get(Reflector);
  const out: Route[] = [];
  const controllers = [...modules.values()].flatMap((m) => [...m.controllers.values()]);
  for (const wrapper of controllers) {
    const instance = wrapper.instance as object;
    const prefix = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype!) ?? '');
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const handler = (instance as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number].toLowerCase();
      const full = `/${[prefix, String(path)].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/').replace(/:(\w+)/g, '{$1}');
      out.push({ method, path: full, access: reflector.getAllAndOverride(ACCESS_KEY, [handler as never, wrapper.metatype as never]) });
    }
  }
  return out;
}

/**
 * Bodies that pass validation, for routes whose refusals should be judged past it (a body of {}
 * would stop at 400 before the record is looked up): `method path` as collectRoutes names it.
 */
export const SAMPLE_BODIES: Record<string, object> = {
  'post /accounts/{id}/filing': { filedOn: '2026-09-01', reference: '备案-1' },
  'post /accounts/{id}/training': { trainedOn: '2026-09-02', course: '学籍管理员培训' },
  'post /auth/password': { currentPassword: 'Not-The-Password-1', newPassword: 'Another-Password-1' },
  'post /auth/totp/confirmation': { code: '000000' },
  'post /organisations/{code}/closure': { kind: 'closure', effectiveOn: '2026-07-01' },
  'post /schools/{code}/roster-confirmations': { semester: '2026-autumn', persons: [] },
  'post /record-problems/{id}/resolution': { resolution: 'resolved', note: '已核实' },
  'post /students/search': { name: '张' },
  'post /dropouts': { studentId: '00000000-0000-4000-8000-000000000000', reason: '连续缺课' },
  'post /dropouts/{id}/follow-ups': { on: '2026-11-02', action: 'home_visit', note: '已家访' },
  'post /transfers': { studentNumber: formatStudentNumber('33', 2025, 1), idNumber: residentId('330106', '2013-03-01', '901'), grade: 8, applicationSha256: 'a'.repeat(64) },
  'post /students/{id}/change-requests': { kind: 'death', dateOfDeath: '2026-01-05', certificateSha256: 'c'.repeat(64) },
  'patch /students/{id}/extra': { extra: {} },
  'put /provinces/{code}/record-schema': { fields: [{ name: 'leftBehindChild', type: 'boolean' }] },
  'post /students/progressions': { studentNumber: 'S3320240000000017', idNumber: '330106201203160321', enrolmentDate: '2026-09-01', admissionSha256: 'a'.repeat(64) },
  'post /students/promotions': { schoolYear: 2026 },
  'post /requests/{id}/materials': { fileName: 'form.pdf', mediaType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 test').toString('base64') },
  'post /students/{id}/guardian-codes': { relation: 'mother' },
  'post /guardian/bindings': { code: 'ABCD-EFGH-JKMN' },
  'post /guardian/children/{id}/change-requests': { kind: 'correction', fields: { name: '新名字' }, evidenceSha256: 'c'.repeat(64) },
  'post /guardian/children/{id}/consents': { purpose: 'identity_credential' },
};
