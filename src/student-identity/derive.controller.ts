import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { VerificationThreads } from '../certificates/verifying/verification-threads.service.js';
import { DomainError, UnprocessableError } from '../common/errors/domain-error.js';
import { parseInput } from '../common/validation/parse.js';
import { proofMode, type SignedCredential } from '../identity/student-credential/domain/selective-disclosure.js';
import { Public } from '../platform/auth/access.decorator.js';
import { DeriveCredentialRequest } from './dto/identity-offer.dto.js';

/**
 * VC API `POST /credentials/derive`: from an ecdsa-sd-2023 base credential, the derived
 * credential revealing the mandatory claims and those the selective pointers name. Public and
 * stateless, as a holder service is: the caller already holds the base credential, and nothing
 * is stored or logged. Our own wallet derives locally; this serves other holders and the suites.
 * The derivation canonicalises the caller's document, so it runs on the verification threads, with
 * their time limit (422 VERIFICATION_TIMEOUT) and queue bound (503 VERIFICATION_BUSY).
 */
@Controller()
export class DeriveController {
  constructor(private readonly threads: VerificationThreads) {}

  @Post('credentials/derive')
  @Public()
  @HttpCode(201)
  async derive(@Body() body: unknown) {
    const { verifiableCredential, options } = parseInput(DeriveCredentialRequest, body);
    const proof = verifiableCredential.proof as { cryptosuite?: unknown } | undefined;
    if (proof?.cryptosuite !== 'ecdsa-sd-2023' || proofMode(proof) !== 'base') {
      throw new UnprocessableError('NOT_A_BASE_CREDENTIAL', 'verifiableCredential must carry an ecdsa-sd-2023 base proof');
    }
    try {
      const derived = await this.threads.run({
        kind: 'derive',
        verifiableCredential: verifiableCredential as SignedCredential,
        selectivePointers: [...options.selectivePointers],
      });
      return { verifiableCredential: derived };
    } catch (error) {
      if (error instanceof DomainError) throw error; // the threads' time limit, queue bound or lost thread
      // The library's message is not repeated: it may quote the credential, and claims are personal data.
      throw new UnprocessableError('DERIVATION_FAILED', 'the disclosure could not be derived: check that each selective pointer names a claim of the credential and that its proof is intact');
    }
  }
}
