import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { IN_MEMORY } from '../config/config.js';
import { CertificateEntity } from '../certificates/certificate.entity.js';
import { IssuerKeyEntity } from '../identity/issuer-key.entity.js';
import { AccountEntity } from '../platform/accounts/account.entity.js';
import { AuditEntryEntity } from '../platform/audit/audit-entry.entity.js';
import { OrganisationEntity } from '../platform/organisations/organisation.entity.js';
import { StudentEntity } from '../registry/student.entity.js';
import { Initial1764400000000 } from './migrations/1764400000000-initial.js';
import { IdempotencyKeys1764500000000 } from './migrations/1764500000000-idempotency-keys.js';
import { AccountLockout1764600000000 } from './migrations/1764600000000-account-lockout.js';
import { CredentialStatus1764700000000 } from './migrations/1764700000000-credential-status.js';
import { LeavingKind1764700000001 } from './migrations/1764700000001-leaving-kind.js';
import { LeaverLists1764800000000 } from './migrations/1764800000000-leaver-lists.js';
import { IssuerKeyLifecycle1764900000000 } from './migrations/1764900000000-issuer-key-lifecycle.js';
import { CertificateLz41765000000000 } from './migrations/1765000000000-certificate-lz4.js';
import { LeaverItemNumbers1765100000000 } from './migrations/1765100000000-leaver-item-numbers.js';
import { CertificateJsonText1765200000000 } from './migrations/1765200000000-certificate-json-text.js';
import { IdentityCredentials1765300000000 } from './migrations/1765300000000-identity-credentials.js';
import { PresentationNonces1765300000001 } from './migrations/1765300000001-presentation-nonces.js';
import { IdentitySignatureDigest1765300000002 } from './migrations/1765300000002-identity-signature-digest.js';
import { AccountTokenVersion1765400000000 } from './migrations/1765400000000-account-token-version.js';
import { RateLimits1765400000001 } from './migrations/1765400000001-rate-limits.js';
import { AuditMac1765400000002 } from './migrations/1765400000002-audit-mac.js';
import { LoginAddresses1765400000003 } from './migrations/1765400000003-login-addresses.js';
import { DropDerivableColumns1765400000004 } from './migrations/1765400000004-drop-derivable-columns.js';
import { Warnings1765500000000 } from './migrations/1765500000000-warnings.js';
import { AccountRules1765600000000 } from './migrations/1765600000000-account-rules.js';
import { createPglite, pgliteDriver } from './pglite-driver.js';

export const ENTITIES = [OrganisationEntity, AccountEntity, AuditEntryEntity, StudentEntity, IssuerKeyEntity, CertificateEntity];
export const MIGRATIONS = [Initial1764400000000, IdempotencyKeys1764500000000, AccountLockout1764600000000, CredentialStatus1764700000000, LeavingKind1764700000001, LeaverLists1764800000000, IssuerKeyLifecycle1764900000000, CertificateLz41765000000000, LeaverItemNumbers1765100000000, CertificateJsonText1765200000000, IdentityCredentials1765300000000, PresentationNonces1765300000001, IdentitySignatureDigest1765300000002, AccountTokenVersion1765400000000, RateLimits1765400000001, AuditMac1765400000002, LoginAddresses1765400000003, DropDerivableColumns1765400000004, Warnings1765500000000, AccountRules1765600000000];

export interface StoreLocation {
  /** postgres:// URL of a server; null selects the embedded PGlite. */
  databaseUrl: string | null;
  /** Folder for PGlite's files; null keeps the embedded database in memory (tests). */
  pgliteDir: string | null;
}

export function storeFor(config: { databaseUrl: string | null; dataDir: string }): StoreLocation {
  const pgliteDir = config.databaseUrl || config.dataDir === IN_MEMORY ? null : join(config.dataDir, 'pglite');
  return { databaseUrl: config.databaseUrl, pgliteDir };
}

/** One DataSource description for the app, the tests and the migration CLI. */
export function dataSourceOptions(store: StoreLocation): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
  };
  if (store.databaseUrl) return { ...common, url: store.databaseUrl, poolSize: 10 };
  return {
    ...common,
    driver: pgliteDriver(createPglite(store.pgliteDir ?? undefined)),
    // PGlite has no extensions to install; gen_random_uuid() is built in.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
  } as DataSourceOptions;
}

/** Opens the store and brings its schema up to date, each migration in its own transaction. */
export async function openDataSource(store: StoreLocation): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(store));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
