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
import { AuditNoTruncate1765500000001 } from './migrations/1765500000001-audit-no-truncate.js';
import { CalendarYears1765500000002 } from './migrations/1765500000002-calendar-years.js';
import { Requests1765500000003 } from './migrations/1765500000003-requests.js';
import { Sharing1765500000004 } from './migrations/1765500000004-sharing.js';
import { HolderAccess1765500000005 } from './migrations/1765500000005-holder-access.js';
import { AccountRules1765600000000 } from './migrations/1765600000000-account-rules.js';
import { SecondApproval1765600000002 } from './migrations/1765600000002-second-approval.js';
import { RecordReads1765600000003 } from './migrations/1765600000003-record-reads.js';
import { PresentationRequests1765600000004 } from './migrations/1765600000004-presentation-requests.js';
import { RecordStatusPeriods1765700000000 } from './migrations/1765700000000-record-status-periods.js';
import { Placements1765790000000 } from './migrations/1765790000000-placements.js';
import { RecordCopies1765790000001 } from './migrations/1765790000001-record-copies.js';
import { SemesterVerification1765790000002 } from './migrations/1765790000002-semester-verification.js';
import { RosterPersons1765790000003 } from './migrations/1765790000003-roster-persons.js';
import { BasicInfo1765800000000 } from './migrations/1765800000000-basic-info.js';
import { MoreChangeKinds1765830000000 } from './migrations/1765830000000-more-change-kinds.js';
import { Guardians1765810000000 } from './migrations/1765810000000-guardians.js';
import { StudentImports1765850000000 } from './migrations/1765850000000-student-imports.js';
import { StudentSearch1765860000000 } from './migrations/1765860000000-student-search.js';
import { OnlineGuardianConsents1765870000000 } from './migrations/1765870000000-online-guardian-consents.js';
import { StatusIndexPermutation1765880000000 } from './migrations/1765880000000-status-index-permutation.js';
import { FormerDocumentDigests1765880000001 } from './migrations/1765880000001-former-document-digests.js';
import { ProvinceKeys1765880000002 } from './migrations/1765880000002-province-keys.js';
import { StudentNumberCounters1765890000000 } from './migrations/1765890000000-student-number-counters.js';
import { LeaverItemsHot1765900000000 } from './migrations/1765900000000-leaver-items-hot.js';
import { CertificateIssuingAccount1765900000001 } from './migrations/1765900000001-certificate-issuing-account.js';
import { CertificateStudentIndex1765900000002 } from './migrations/1765900000002-certificate-student-index.js';
import { ImportFileLz41765910000000 } from './migrations/1765910000000-import-file-lz4.js';
import { PromptCallbackClient } from './pg-client.js';
import { installQueueSchema, QUEUE_SCHEMA } from '../jobs/queue-schema.js';
import { EMBEDDED_APP_ROLE, ensureEmbeddedRole, grantAppRole, roleOf } from './app-role.js';
import type { PGlite } from '@electric-sql/pglite';
import { createPglite, pgliteDriver } from './pglite-driver.js';

export const ENTITIES = [OrganisationEntity, AccountEntity, AuditEntryEntity, StudentEntity, IssuerKeyEntity, CertificateEntity];
export const MIGRATIONS = [Initial1764400000000, IdempotencyKeys1764500000000, AccountLockout1764600000000, CredentialStatus1764700000000, LeavingKind1764700000001, LeaverLists1764800000000, IssuerKeyLifecycle1764900000000, CertificateLz41765000000000, LeaverItemNumbers1765100000000, CertificateJsonText1765200000000, IdentityCredentials1765300000000, PresentationNonces1765300000001, IdentitySignatureDigest1765300000002, AccountTokenVersion1765400000000, RateLimits1765400000001, AuditMac1765400000002, LoginAddresses1765400000003, DropDerivableColumns1765400000004, Warnings1765500000000, AuditNoTruncate1765500000001, CalendarYears1765500000002, Requests1765500000003, Sharing1765500000004, HolderAccess1765500000005, AccountRules1765600000000, SecondApproval1765600000002, RecordReads1765600000003, PresentationRequests1765600000004, RecordStatusPeriods1765700000000, Placements1765790000000, RecordCopies1765790000001, SemesterVerification1765790000002, RosterPersons1765790000003, BasicInfo1765800000000, Guardians1765810000000, MoreChangeKinds1765830000000, StudentImports1765850000000, StudentSearch1765860000000, OnlineGuardianConsents1765870000000, StatusIndexPermutation1765880000000, FormerDocumentDigests1765880000001, ProvinceKeys1765880000002, StudentNumberCounters1765890000000, LeaverItemsHot1765900000000, CertificateIssuingAccount1765900000001, CertificateStudentIndex1765900000002, ImportFileLz41765910000000];

export interface StoreLocation {
  /** postgres:// URL of a server, as the application's role; null selects the embedded PGlite. */
  databaseUrl: string | null;
  /**
   * postgres:// URL of the same database as the schema's owner, which runs the migrations and
   * grants the application's role its rights (app-role.ts); null: the application's URL does both.
   */
  ownerUrl?: string | null;
  /** Folder for PGlite's files; null keeps the embedded database in memory (tests). */
  pgliteDir: string | null;
  /** An in-memory store starts from this data-folder image (a tarball made by `embeddedImage`). */
  pgliteImage?: string | null;
}

export function storeFor(config: { databaseUrl: string | null; databaseOwnerUrl?: string | null; dataDir: string; pgliteImage?: string | null }): StoreLocation {
  const pgliteDir = config.databaseUrl || config.dataDir === IN_MEMORY ? null : join(config.dataDir, 'pglite');
  const pgliteImage = config.databaseUrl || pgliteDir ? null : (config.pgliteImage ?? null);
  return { databaseUrl: config.databaseUrl, ownerUrl: config.databaseOwnerUrl ?? null, pgliteDir, pgliteImage };
}

/** One DataSource description for the app, the tests and the migration CLI. */
export function dataSourceOptions(store: StoreLocation, pglite?: PGlite): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
  };
  // The pool's clients: pg's, but a query awaited is made with its callback (pg-client.ts, measured).
  if (store.databaseUrl) return { ...common, url: store.databaseUrl, poolSize: 10, extra: { Client: PromptCallbackClient } };
  return {
    ...common,
    driver: pgliteDriver(pglite ?? createPglite(store.pgliteDir ?? undefined, store.pgliteImage ?? undefined)),
    // PGlite has no extensions to install; gen_random_uuid() is built in.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
  } as DataSourceOptions;
}

/**
 * Opens the store as the application (or, for maintenance such as `npm run reseal`, as the
 * schema's owner), after bringing the schema up to date as the owner:
 *
 * - embedded store: one session; it migrates, then switches to the role `xueji_app`, which owns
 *   nothing (a guard against the service's own statements, not against whoever holds the files);
 * - server with an owner URL: the owner migrates and grants; the application then connects with
 *   its own role, which cannot TRUNCATE, ALTER or switch off a trigger;
 * - server without one: the one role migrates and runs the service (development; the service
 *   warns at start that its role owns the schema).
 */
export async function openDataSource(store: StoreLocation, as: 'app' | 'owner' = 'app'): Promise<DataSource> {
  if (!store.databaseUrl) {
    const embedded = await prepared(store, null);
    if (as === 'app') {
      await ensureEmbeddedRole(embedded);
      await grantAppRole(embedded, EMBEDDED_APP_ROLE, QUEUE_SCHEMA);
      await embedded.query(`SET ROLE ${EMBEDDED_APP_ROLE}`);
    }
    return embedded;
  }
  if (!store.ownerUrl) return prepared(store, store.databaseUrl);
  const owner = await prepared({ ...store, databaseUrl: store.ownerUrl }, store.ownerUrl);
  try {
    const role = roleOf(store.databaseUrl);
    if (role !== roleOf(store.ownerUrl)) await grantAppRole(owner, role, QUEUE_SCHEMA);
  } catch (error) {
    await owner.destroy();
    throw error;
  }
  if (as === 'owner') return owner;
  await owner.destroy();
  const app = new DataSource(dataSourceOptions(store));
  await app.initialize();
  return app;
}

/**
 * A migrated, empty embedded store's data folder as a tarball, with the application's role and
 * grants: what each of many throwaway in-memory stores can start from instead of migrating from
 * nothing (the test suite makes one per run: test/support/test-database.ts).
 */
export async function embeddedImage(): Promise<Blob> {
  const db = createPglite(undefined);
  const store: StoreLocation = { databaseUrl: null, pgliteDir: null };
  const dataSource = new DataSource(dataSourceOptions(store, db));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await installQueueSchema(dataSource, null);
    await ensureEmbeddedRole(dataSource);
    await grantAppRole(dataSource, EMBEDDED_APP_ROLE, QUEUE_SCHEMA);
    return await db.dumpDataDir('none');
  } finally {
    await dataSource.destroy();
  }
}

/** Opened and migrated: our migrations, each in its own transaction, then the job queue's schema. */
async function prepared(store: StoreLocation, connectionString: string | null): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(store));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await installQueueSchema(dataSource, connectionString);
  return dataSource;
}
