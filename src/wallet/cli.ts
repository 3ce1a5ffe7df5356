#!/usr/bin/env node
/**
 * xueji-wallet: the command-line holder wallet for the student identity credential.
 *
 *   xueji-wallet keygen
 *   xueji-wallet redeem <offer> --tx-code <code> [--copies <n>]
 *   xueji-wallet list
 *   xueji-wallet show <credential-id>
 *   xueji-wallet present <credential-id> --disclose <claim,claim> --nonce <n> --audience <a> [--request]
 *   xueji-wallet answer '<openid4vp://…>' [--format dc+sd-jwt|ldp_vc] [--credential <id>] [--yes]
 *   xueji-wallet disclosures --service <url>
 *   xueji-wallet codes --service <url> [list | create <certificate-id> --days <n> | extend <code-id> --days <n> | close <code-id> | uses <code-id>]
 *
 * Files live in --dir, else $XUEJI_WALLET_DIR, else ~/.xueji-wallet (0700). What it prints is
 * JSON, one document per command, so that scripts can read it.
 */
import { homedir } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { holderDid, newHolderKey, present, redeemOffer } from './holder.js';
import { holderCall } from './holder-session.js';
import { answerPresentationRequest, resolvePresentationRequest, type RequestSummary } from './oid4vp.js';
import { WalletStore } from './wallet-store.js';

const USAGE = `usage:
  xueji-wallet keygen
  xueji-wallet redeem <offer> --tx-code <code> [--copies <n>] [--allow-http]
  xueji-wallet list
  xueji-wallet show <credential-id>
  xueji-wallet present <credential-id> --disclose <claim,claim> --nonce <nonce> --audience <audience> [--request]
  xueji-wallet answer '<openid4vp://…>' [--format dc+sd-jwt|ldp_vc] [--credential <id>] [--yes] [--allow-http]
  xueji-wallet disclosures --service <url>
  xueji-wallet certificates --service <url>
  xueji-wallet codes --service <url> [list | create <certificate-id> --days <n> | extend <code-id> --days <n> | close <code-id> | uses <code-id>]
options: --dir <folder> (default $XUEJI_WALLET_DIR or ~/.xueji-wallet)`;

export async function main(argv: string[], out: (line: string) => void = console.log, confirm: (question: string) => Promise<boolean> = askOnTerminal): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      'tx-code': { type: 'string' },
      copies: { type: 'string' },
      disclose: { type: 'string' },
      nonce: { type: 'string' },
      audience: { type: 'string' },
      request: { type: 'boolean' },
      'allow-http': { type: 'boolean' },
      format: { type: 'string' },
      credential: { type: 'string' },
      yes: { type: 'boolean' },
      service: { type: 'string' },
      days: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, argument, third] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  const store = await new WalletStore(values.dir ?? process.env.XUEJI_WALLET_DIR ?? join(homedir(), '.xueji-wallet')).open();
  const print = (value: unknown) => out(JSON.stringify(value, null, 2));
  switch (command) {
    case 'keygen': {
      const key = await newHolderKey(store);
      print({ keyId: key.id, did: holderDid(key).did });
      return 0;
    }
    case 'redeem': {
      if (!argument || !values['tx-code']) return usage(out, 'redeem needs the offer and --tx-code');
      const copies = values.copies === undefined ? 1 : Number(values.copies);
      if (!Number.isInteger(copies) || copies < 1) return usage(out, '--copies must be a whole number, at least 1');
      const received = await redeemOffer(store, { offer: argument, txCode: values['tx-code'], copies, allowHttp: values['allow-http'] });
      print(received.map(({ id, format, configurationId, issuer }) => ({ id, format, configurationId, issuer })));
      return 0;
    }
    case 'list':
      print((await store.credentials()).map(({ id, format, configurationId, issuer, receivedAt }) => ({ id, format, configurationId, issuer, receivedAt })));
      return 0;
    case 'show':
      if (!argument) return usage(out, 'show needs a credential id');
      print(await store.credential(argument));
      return 0;
    case 'present': {
      if (!argument || !values.disclose || !values.nonce || !values.audience) return usage(out, 'present needs a credential id, --disclose, --nonce and --audience');
      const disclose = values.disclose.split(',').map((c) => c.trim()).filter(Boolean);
      const presented = await present(store, { credentialId: argument, disclose, nonce: values.nonce, audience: values.audience });
      // SD-JWT presentations travel as W3C enveloped presentations, so both formats go to /presentations/verify alike.
      const verifiablePresentation =
        typeof presented === 'string'
          ? { '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'EnvelopedVerifiablePresentation', id: `data:application/dc+sd-jwt,${presented}` }
          : presented;
      print(values.request ? { verifiablePresentation, options: { challenge: values.nonce, domain: values.audience } } : verifiablePresentation);
      return 0;
    }
    case 'answer': {
      if (!argument) return usage(out, 'answer needs the openid4vp:// request');
      const format = values.format ?? 'dc+sd-jwt';
      if (format !== 'dc+sd-jwt' && format !== 'ldp_vc') return usage(out, '--format is dc+sd-jwt or ldp_vc');
      const request = await resolvePresentationRequest(store, argument, { allowHttp: values['allow-http'] });
      out(describe(request.summary, format));
      if (!values.yes && !(await confirm('Disclose these claims? [y/N] '))) {
        print({ answered: false });
        return 1;
      }
      const answer = await answerPresentationRequest(store, request, { format, credentialId: values.credential });
      print({ answered: answer.status === 200, status: answer.status, response: answer.body, credentialId: answer.credentialId, linkable: answer.linkable });
      return answer.status === 200 ? 0 : 1;
    }
    case 'disclosures':
    case 'certificates':
    case 'codes': {
      // Signed in with the key of the wallet's W3C identity credential (holder-session.ts).
      if (!values.service) return usage(out, `${command} needs --service <the register's URL>`);
      const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
        print(await holderCall(store, values.service!.replace(/\/+$/, ''), method, path, body));
        return 0;
      };
      if (command === 'disclosures') return call('GET', '/holder/disclosures');
      if (command === 'certificates') return call('GET', '/holder/certificates');
      const days = values.days === undefined ? undefined : Number(values.days);
      switch (argument ?? 'list') {
        case 'list':
          return call('GET', '/holder/verification-codes');
        case 'create':
          if (!third || days === undefined) return usage(out, 'codes create needs a certificate id and --days (30 to 183)');
          return call('POST', '/holder/verification-codes', { certificateId: third, validDays: days });
        case 'extend':
          if (!third || days === undefined) return usage(out, 'codes extend needs a code id and --days (30 to 183)');
          return call('POST', `/holder/verification-codes/${encodeURIComponent(third)}/extension`, { validDays: days });
        case 'close':
          if (!third) return usage(out, 'codes close needs a code id');
          return call('POST', `/holder/verification-codes/${encodeURIComponent(third)}/closure`);
        case 'uses':
          if (!third) return usage(out, 'codes uses needs a code id');
          return call('GET', `/holder/verification-codes/${encodeURIComponent(third)}/uses`);
        default:
          return usage(out, `unknown codes command "${argument}"`);
      }
    }
    default:
      return usage(out, `unknown command "${command}"`);
  }
}

/** Who asks, for what and under whose approval, as the holder reads it before agreeing. */
export function describe(summary: RequestSummary, format: 'dc+sd-jwt' | 'ldp_vc'): string {
  const a = summary.approval;
  return [
    `Request signed by ${summary.clientId}`,
    `Who asks:   ${summary.relyingSystem?.name ?? '(not named)'} — operated by ${summary.relyingSystem?.operator ?? '(not named)'}`,
    `Purpose:    ${summary.purpose ?? '(not given)'}`,
    `Claims:     ${(summary.claims[format] ?? []).join(', ') || '(none in this format)'}`,
    `Approved by ${a?.approvingOrganisation ? `${a.approvingOrganisation.name} (${a.approvingOrganisation.code})` : '(no approval named)'}`,
    `Legal basis ${a?.legalBasis ?? '-'}; region ${a?.region?.name ?? '-'}; valid until ${a?.validUntil ?? '-'}`,
    `Request expires ${summary.expiresAt ?? '-'}`,
  ].join('\n');
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

function usage(out: (line: string) => void, problem: string): number {
  out(`${problem}\n${USAGE}`);
  return 2;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      console.error(`xueji-wallet: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
