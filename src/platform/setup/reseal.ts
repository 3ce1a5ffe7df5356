import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { JsonLogger } from '../../common/logging/logger.js';
import type { AppConfig } from '../../config/config.js';
import { ConfigModule } from '../../config/config.module.js';
import { DatabaseModule } from '../../database/database.module.js';
import { masterKeyId } from '../../identity/domain/secret-box.js';
import { IdentityModule } from '../../identity/identity.module.js';
import { KeyStoreService } from '../../identity/key-store.service.js';
import { FieldValueVault } from '../../registry/field-value-vault.js';
import { IdNumberVault } from '../../registry/id-number-vault.js';
import { RegistryModule } from '../../registry/registry.module.js';
import { AuditService } from '../audit/audit.service.js';
import { TotpSecrets } from '../auth/totp-secrets.js';
import { GuardianAccountsService } from '../guardians/guardian-accounts.service.js';
import { ROOT_PATH } from '../organisations/domain/org-level.js';
import { PlatformModule } from '../platform.module.js';
import { MaterialSeal } from '../../workflow/material-seal.js';
import { WorkflowModule } from '../../workflow/workflow.module.js';

export interface ResealReport {
  currentMasterKeyId: string;
  previousMasterKeyId: string | null;
  issuerKeys: { total: number; resealed: number };
  idNumbers: { total: number; resealed: number };
  totpSecrets: { total: number; resealed: number };
  requestMaterials: { total: number; resealed: number };
  guardianPhones: { total: number; resealed: number };
  recordFieldValues: { total: number; resealed: number };
}

/** Only what holds sealed secrets, as the schema's owner: no HTTP, no job queue (a job would sign with keys mid-change). */
@Module({})
class ResealModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ResealModule, imports: [ConfigModule.forRoot(config), DatabaseModule.asOwner(), PlatformModule, RegistryModule, IdentityModule, WorkflowModule] };
  }
}

/**
 * Replaces the master key (`npm run reseal`): every sealed secret — issuer private keys, ID
 * numbers (and former identity documents), TOTP secrets, requests' materials, guardians' phone
 * numbers and the field history's personal values — is opened under the previous or the current master key and sealed again under the
 * current one (`config.masterKey`), ID-number digests recomputed, in ONE transaction with its
 * audit entry: it all changes or nothing does. Values already under the current key are left as
 * they are, so a second run changes nothing. Without a previous key it only brings values sealed
 * before master-key ids existed up to date. Run it with the service stopped.
 */
export async function resealStore(config: AppConfig, previousMasterKey: Buffer | null): Promise<ResealReport> {
  const app = await NestFactory.createApplicationContext(ResealModule.forRoot(config), { logger: new JsonLogger('warn'), abortOnError: false });
  try {
    const current = masterKeyId(config.masterKey);
    const previous = previousMasterKey ? masterKeyId(previousMasterKey) : null;
    return await app.get(DataSource).transaction(async (em) => {
      const issuerKeys = await app.get(KeyStoreService).resealIn(em, previousMasterKey);
      const idNumbers = await app.get(IdNumberVault).resealIn(em, previousMasterKey);
      const totpSecrets = await app.get(TotpSecrets).resealIn(em, previousMasterKey);
      const requestMaterials = await app.get(MaterialSeal).resealIn(em, previousMasterKey);
      const guardianPhones = await app.get(GuardianAccountsService).resealIn(em, previousMasterKey);
      const recordFieldValues = await app.get(FieldValueVault).resealIn(em, previousMasterKey);
      // The audit trail's MACs are keyed from the master key too: made again under the new one.
      const auditEntries = previousMasterKey ? await app.get(AuditService).rekeyIn(em, previousMasterKey) : 0;
      await app.get(AuditService).append(em, null, {
        action: 'master_key.resealed',
        recordType: 'master_key',
        recordId: current,
        scopePath: ROOT_PATH,
        details: {
          previousMasterKeyId: previous,
          issuerKeys: issuerKeys.resealed,
          idNumbers: idNumbers.resealed,
          totpSecrets: totpSecrets.resealed,
          requestMaterials: requestMaterials.resealed,
          guardianPhones: guardianPhones.resealed,
          recordFieldValues: recordFieldValues.resealed,
          auditEntries,
        },
      });
      return { currentMasterKeyId: current, previousMasterKeyId: previous, issuerKeys, idNumbers, totpSecrets, requestMaterials, guardianPhones, recordFieldValues };
    });
  } finally {
    await app.close();
  }
}
