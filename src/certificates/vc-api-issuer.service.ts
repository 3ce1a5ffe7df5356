import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticationError, ConflictError, ForbiddenError, ValidationError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { onUniqueViolation } from '../database/unique-violation.js';
import { IssuerSignerService, type IssuerIdentity } from '../identity/issuer-signer.service.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { ROOT_PATH } from '../platform/organisations/domain/org-level.js';
import { CredentialSignerService } from './credential-signer.service.js';
import { issuerIdOf, type VerifiableCredential } from './domain/data-integrity.js';
import { credentialIdOf, issueProblems, withIssuerAdditions } from './domain/vc-api-issue.js';
import { CredentialStatusService, type StatusState, type StatusUpdate } from './status/credential-status.service.js';
import { StatusListService, type StatusIssuer } from './status/status-list.service.js';
import { DocumentLoaderService } from '../identity/document-loader.service.js';
import { createP256Signer, p256DidKey, p256KeyPairFromSeed, type P256Signer } from '../identity/domain/p256-keys.js';
import { issueSdCredential } from '../identity/student-credential/domain/selective-disclosure.js';

/** status_entries (issuer_did, credential_id): one credential id, one set of status entries. */
const ID_TAKEN_CONSTRAINT = 'status_entries_issuer_did_credential_id_key';
const CONFORMANCE_REASON = 'conformance test';

/**
 * The W3C VC API issuer: signs a caller's VC 2.0 credential as the caller's own authority
 * (its did:web), keeping the given `id` and `issuer`, always with revocation and suspension
 * status entries. In conformance mode (XUEJI_CONFORMANCE_ISSUER_SEED, loopback only) anonymous
 * callers may also issue, and change statuses, as one did:key issuer: what the W3C test suites
 * need, and nothing a production deployment should ever switch on.
 */
@Injectable()
export class VcApiIssuerService implements OnModuleInit {
  private readonly logger = new Logger('VcApiIssuer');
  private conformanceIssuer: IssuerIdentity | null = null;
  /** Conformance mode's second issuer: a P-256 did:key from the same seed, signing ecdsa-sd-2023 (the ecdsa suite). */
  private conformanceSdIssuer: StatusIssuer & { signer: P256Signer } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly issuers: IssuerSignerService,
    private readonly signer: CredentialSignerService,
    private readonly lists: StatusListService,
    private readonly statuses: CredentialStatusService,
    private readonly audit: AuditService,
    private readonly loader: DocumentLoaderService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.conformanceIssuerSeed) return;
    const did = await this.issuers.registerKeyIssuerFromSeed(this.config.conformanceIssuerSeed);
    this.conformanceIssuer = await this.issuers.forDid(did);
    const p256 = p256KeyPairFromSeed(this.config.conformanceIssuerSeed, 'xueji-conformance/p256');
    const { did: sdDid, verificationMethodId } = p256DidKey(p256.publicKeyMultibase);
    this.conformanceSdIssuer = { id: sdDid, signer: createP256Signer({ id: verificationMethodId, secretKeyMultibase: p256.secretKeyMultibase }) };
    this.logger.warn({
      msg: 'CONFORMANCE MODE IS ON: anyone reaching this service may issue credentials and change their status as the did:key issuer below. For running the W3C test suites on loopback only; unset XUEJI_CONFORMANCE_ISSUER_SEED everywhere else.',
      issuer: did,
      ecdsaSdIssuer: sdDid,
    });
  }

  async issue(
    caller: Principal | null,
    input: Record<string, unknown>,
    now = new Date(),
    options: { mandatoryPointers?: string[] } = {},
  ): Promise<{ verifiableCredential: VerifiableCredential }> {
    if (!caller && !this.conformanceIssuer) throw new AuthenticationError();
    const problems = issueProblems(input, now);
    if (problems.length > 0) throw new ValidationError(problems, 'CREDENTIAL_NOT_CONFORMING');
    const issuer = await this.issuerFor(caller, issuerIdOf(input)!);
    const id = credentialIdOf(input, randomUUID);
    const verifiableCredential = await this.dataSource
      .transaction(async (em) => {
        const [entries] = await this.lists.allocate(em, issuer, [id], now);
        const credential = withIssuerAdditions(input, id, entries, now);
        const signed =
          issuer.signer.algorithm === 'P-256'
            ? await this.signSd(credential, issuer as StatusIssuer & { signer: P256Signer }, now, options.mandatoryPointers ?? [])
            : await this.sign(credential, issuer as IssuerIdentity, now);
        await this.audit.append(em, caller, {
          action: 'credential.issued',
          recordType: 'credential',
          recordId: id.slice(0, 64),
          scopePath: caller?.organisationPath ?? ROOT_PATH,
          details: { issuerDid: issuer.id, statusListIndex: entries[0].statusListIndex, statusLists: entries.map((e) => e.statusListCredential), via: 'vc-api' },
        });
        return signed;
      })
      .catch(onUniqueViolation(ID_TAKEN_CONSTRAINT, () => new ConflictError('CREDENTIAL_ID_TAKEN', `this issuer already issued a credential with the id ${id}`)));
    return { verifiableCredential };
  }

  /** VC API status update: an authority for what it issued, an anonymous caller for the conformance issuer only. */
  async updateStatus(caller: Principal | null, update: Omit<StatusUpdate, 'reason'> & { reason?: string }, now = new Date()): Promise<StatusState> {
    if (caller) {
      // The request schema asks authorities for a reason; this keeps it so whatever the caller parsed.
      if (!update.reason) throw ValidationError.field('reason', 'a reason is required');
      return this.statuses.update(caller, { ...update, reason: update.reason }, now);
    }
    if (!this.conformanceIssuer) throw new AuthenticationError();
    const reason = update.reason ?? CONFORMANCE_REASON;
    const change = { credentialId: update.credentialId, purpose: update.purpose, value: update.value };
    return this.dataSource.transaction(async (em) => {
      // The credential is one of the two conformance issuers'; the other one's lists do not hold it.
      let issuer: StatusIssuer = this.conformanceIssuer!;
      const [sd] = await em.query(`SELECT 1 FROM status_entries WHERE issuer_did = $1 AND credential_id = $2`, [this.conformanceSdIssuer!.id, update.credentialId]);
      if (sd) issuer = this.conformanceSdIssuer!;
      const before = await this.lists.change(em, issuer, change, now);
      await this.audit.append(em, null, {
        action: `credential.${update.purpose}.${update.value ? 'set' : 'cleared'}`,
        recordType: 'credential',
        recordId: update.credentialId.slice(0, 64),
        scopePath: ROOT_PATH,
        details: { purpose: update.purpose, value: update.value, reason, issuerDid: issuer.id },
      });
      return { credentialId: update.credentialId, ...before, [update.purpose === 'revocation' ? 'revoked' : 'suspended']: update.value };
    });
  }

  /** An authority signs only as itself; an anonymous caller only as a conformance issuer. */
  private async issuerFor(caller: Principal | null, issuerId: string): Promise<IssuerIdentity | (StatusIssuer & { signer: P256Signer })> {
    if (!caller) {
      if (issuerId === this.conformanceSdIssuer?.id) return this.conformanceSdIssuer;
      if (issuerId !== this.conformanceIssuer!.id) throw new AuthenticationError('Authentication required to issue as this issuer');
      return this.conformanceIssuer!;
    }
    const own = await this.statuses.issuerOf(caller);
    if (issuerId !== own.id) {
      throw new ForbiddenError(`credential.issuer must be your authority's own DID (${own.id})`, 'ISSUER_NOT_CALLER');
    }
    return own;
  }

  /** ecdsa-sd-2023 base proof, revealing what the caller's mandatory pointers name (conformance mode's P-256 issuer). */
  private async signSd(credential: object, issuer: StatusIssuer & { signer: P256Signer }, now: Date, mandatoryPointers: string[]): Promise<VerifiableCredential> {
    try {
      return (await issueSdCredential({ credential: credential as Record<string, unknown>, signer: issuer.signer, mandatoryPointers, documentLoader: this.loader.load, now })) as unknown as VerifiableCredential;
    } catch (error) {
      throw ValidationError.field('options.mandatoryPointers', `the credential could not be signed with these mandatory pointers: ${(error as Error).message}`.slice(0, 300), 'CREDENTIAL_NOT_CONFORMING');
    }
  }

  /** Contexts never fetched and JSON-LD the contexts do not allow are the credential's fault: 400, named. */
  private async sign(credential: Parameters<CredentialSignerService['sign']>[0], issuer: IssuerIdentity, now: Date): Promise<VerifiableCredential> {
    try {
      return await this.signer.sign(credential, issuer.signer, now);
    } catch (error) {
      const missing = causes(error).find((e) => e.name === 'DocumentNotFoundError') as (Error & { url?: string }) | undefined;
      if (missing) {
        throw ValidationError.field('credential.@context', `"${missing.url}" is not a context this issuer knows; it never fetches contexts`, 'CREDENTIAL_NOT_CONFORMING');
      }
      if (error instanceof Error && error.name.startsWith('jsonld.')) {
        throw ValidationError.field('credential', `not valid JSON-LD under its contexts: ${error.message}`, 'CREDENTIAL_NOT_CONFORMING');
      }
      throw error;
    }
  }
}

function causes(error: unknown): Error[] {
  const chain: Error[] = [];
  for (let current = error; current instanceof Error && chain.length < 10; ) {
    chain.push(current);
    current = current.cause ?? (current as { details?: { cause?: unknown } }).details?.cause;
  }
  return chain;
}
