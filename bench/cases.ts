/**
 * The five cases. Before any timing, each checks that its subject does the real thing
 * (credentials verify, inputs parse as expected), so a fast wrong answer cannot pass as speed.
 */
import { sign, verify } from 'node:crypto';
import type { Signer } from '@digitalbazaar/data-integrity';
import { issueCredential, verifyCredential } from '../src/certificates/domain/data-integrity.js';
import { createTemplateIssuer } from '../src/certificates/domain/fast-rdfc/template-issuer.js';
import { qrPng, qrSvg } from '../src/certificates/qr.js';
import { parseResidentId } from '../src/registry/domain/resident-id.js';
import {
  graduationCertificate,
  makeIssuer,
  NOW,
  ONE_KB,
  ONE_KB_OBJECT,
  RAW_KEYS,
  residentIdInputs,
  TODAY,
  VERIFICATION_URL,
} from './fixtures.js';
import type { BenchCase } from './harness.js';

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`bench precondition failed: ${message}`);
}

export async function buildCases(): Promise<BenchCase[]> {
  const { did, documentLoader, ourSigner, stockSigner } = await makeIssuer();
  const credential = graduationCertificate(did);
  const issueWith = (signer: Signer) => () => issueCredential({ credential, signer, documentLoader, now: NOW });

  const template = createTemplateIssuer({ documentLoader });
  const issueByTemplate = () => template.issue(credential, ourSigner, NOW);
  const signedByUs = await issueWith(ourSigner)();
  check(JSON.stringify(await issueByTemplate()) === JSON.stringify(signedByUs), 'the template issuer signs the same bytes as the stock path');
  const signedByStock = await issueWith(stockSigner)();
  const verifySigned = () => verifyCredential({ credential: signedByUs, documentLoader, now: NOW });
  check((await verifySigned()).verified, 'a credential issued with our signer verifies');
  check((await verifyCredential({ credential: signedByStock, documentLoader, now: NOW })).verified, 'stock-signed credential verifies');

  const rawSignature = sign(null, ONE_KB, RAW_KEYS.privateKey);
  check(verify(null, ONE_KB, RAW_KEYS.publicKey, rawSignature), 'raw signature verifies');

  const ids = residentIdInputs();
  const shape = /^\d{17}[\dXx]$/;
  const okCount = ids.filter((id) => parseResidentId(id, TODAY).ok).length;
  check(okCount === 700, `700 of 1,000 resident IDs parse (got ${okCount})`);

  check((await qrSvg(VERIFICATION_URL)).startsWith('<svg'), 'QR SVG is an SVG');
  check((await qrPng(VERIFICATION_URL)).subarray(1, 4).toString() === 'PNG', 'QR PNG is a PNG');

  return [
    {
      id: 'issue',
      title: 'Issuance vs raw Ed25519 signing',
      ratioMeaning: 'issueCredential rate ÷ raw node:crypto Ed25519 sign rate (1 KB); 1/ratio = raw signatures one issuance costs',
      baseline: { label: 'node:crypto Ed25519 sign, 1 KB', run: () => sign(null, ONE_KB, RAW_KEYS.privateKey) },
      subjects: [
        { label: 'issueCredential, eddsa-rdfc-2022, our signer', run: issueWith(ourSigner) },
        { label: 'template issuer (fast-rdfc), same output', run: issueByTemplate },
      ],
    },
    {
      id: 'signer',
      title: 'Our signer vs the stock ed25519-multikey signer',
      ratioMeaning: 'issuance rate with createEd25519Signer ÷ with Ed25519Multikey signer(); >1 means ours is faster',
      baseline: { label: 'issueCredential, stock Ed25519Multikey signer', run: issueWith(stockSigner) },
      subjects: [{ label: 'issueCredential, createEd25519Signer', run: issueWith(ourSigner) }],
    },
    {
      id: 'verify',
      title: 'Verification vs raw Ed25519 verify',
      ratioMeaning: 'verifyCredential rate ÷ raw node:crypto Ed25519 verify rate (1 KB)',
      baseline: { label: 'node:crypto Ed25519 verify, 1 KB', run: () => verify(null, ONE_KB, RAW_KEYS.publicKey, rawSignature) },
      subjects: [{ label: 'verifyCredential (DID from memory)', run: verifySigned }],
    },
    {
      id: 'resident-id',
      title: 'parseResidentId vs a bare regex test (sanity)',
      ratioMeaning: 'parseResidentId rate ÷ a one-regex shape test over the same 1,000 inputs',
      baseline: {
        label: 'regex /^\\d{17}[\\dXx]$/ test',
        opsPerCall: ids.length,
        run: () => ids.reduce((n, id) => (shape.test(id) ? n + 1 : n), 0),
      },
      subjects: [
        {
          label: 'parseResidentId',
          opsPerCall: ids.length,
          run: () => ids.reduce((n, id) => (parseResidentId(id, TODAY).ok ? n + 1 : n), 0),
        },
      ],
    },
    {
      id: 'qr',
      title: 'QR codes for a 60-character URL',
      ratioMeaning: 'QR rate ÷ JSON.stringify of a 1 KB object (only an anchor against machine speed)',
      baseline: { label: 'JSON.stringify, 1 KB object', run: () => JSON.stringify(ONE_KB_OBJECT) },
      subjects: [
        { label: 'qrSvg', run: () => qrSvg(VERIFICATION_URL) },
        { label: 'qrPng (320 px)', run: () => qrPng(VERIFICATION_URL) },
      ],
    },
  ];
}
