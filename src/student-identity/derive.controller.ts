import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { UnprocessableError } from '../common/errors/domain-error.js';
import { parseInput } from '../common/validation/parse.js';
import { DocumentLoaderService } from '../identity/document-loader.service.js';
import { deriveDisclosure, proofMode, type SignedCredential } from '../identity/student-credential/domain/selective-disclosure.js';
import { Public } from '../platform/auth/access.decorator.js';
import { DeriveCredentialRequest } from './dto/identity-offer.dto.js';

/**
 * VC API `POST /credentials/derive`: from an ecdsa-sd-2023 base credential, the derived
 * credential revealing the mandatory claims and those the selective pointers name. Public and
 * stateless, as a holder service is: the caller already holds the base credential, and nothing
 * is stored or logged. Our own wallet derives locally; this serves other holders and the suites.
 */
@Controller()
export class DeriveController {
  constructor(private readonly loader: DocumentLoaderService) {}

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
      const derived = await deriveDisclosure({
        verifiableCredential: verifiableCredential as SignedCredential,
        selectivePointers: options.selectivePointers,
        documentLoader: this.loader.load,
      });
      return { verifiableCredential: derived };
    } catch {
      // The library's message is not repeated: it may quote the credential, and claims are personal data.
      throw new UnprocessableError('DERIVATION_FAILED', 'the disclosure could not be derived: check that each selective pointer names a claim of the credential and that its proof is intact');
    }
  }
}
