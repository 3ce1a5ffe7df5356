import { createHash } from 'node:crypto';
import { BUNDLED_CONTEXTS, createDocumentLoader, OB_V3P0_CONTEXT_URL, XUEJI_CONTEXT_URL } from '../domain/document-loader.js';
import { jsonld, loaderWith, servedContextChecks, VC_V2_URL } from './served-context.fixtures.js';
import { OB_V3P0_CONTEXT_3_0_3, OB_V3P0_CONTEXT_SHA256 } from './ob-v3p0-context-3.0.3.js';
import { XUEJI_CERTIFICATE_CONTEXT_PATH, XUEJI_CERTIFICATE_CONTEXT_V1, xuejiCertificateContextUrl } from './xueji-certificate-v1.js';

const PUBLIC_URL = 'https://xueji.example.cn';
const SERVED = {
  path: XUEJI_CERTIFICATE_CONTEXT_PATH,
  urlOf: xuejiCertificateContextUrl,
  context: XUEJI_CERTIFICATE_CONTEXT_V1,
  usedWith: { 'OB 3.0.3': BUNDLED_CONTEXTS[OB_V3P0_CONTEXT_URL] },
};
const OUR_URL = xuejiCertificateContextUrl(PUBLIC_URL);
const loaderWithOurs = () => loaderWith(SERVED, PUBLIC_URL);

describe('the bundled Open Badges 3.0.3 context', () => {
  it('is the published document, byte for byte (sha256 of the published file)', () => {
    const published = `${JSON.stringify(OB_V3P0_CONTEXT_3_0_3, null, 2)}\n`;

    expect(Buffer.byteLength(published)).toBe(14_329);
    expect(createHash('sha256').update(published).digest('hex')).toBe(OB_V3P0_CONTEXT_SHA256);
    expect(OB_V3P0_CONTEXT_SHA256).toBe('ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761');
  });

  it('is served offline at its purl URL, next to the old xueji v1 context', async () => {
    const loader = createDocumentLoader();

    expect(OB_V3P0_CONTEXT_URL).toBe('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json');
    expect((await loader(OB_V3P0_CONTEXT_URL)).document).toBe(OB_V3P0_CONTEXT_3_0_3);
    expect((await loader(XUEJI_CONTEXT_URL)).document).toBe(BUNDLED_CONTEXTS[XUEJI_CONTEXT_URL]);
  });

  it('cannot be replaced through the extra contexts', () => {
    expect(() => createDocumentLoader({ contexts: { [OB_V3P0_CONTEXT_URL]: { '@context': {} } } })).toThrow(
      `Refusing to replace the bundled context "${OB_V3P0_CONTEXT_URL}".`,
    );
  });
});

describe('the xueji certificate context v1', () => {
  servedContextChecks(SERVED, PUBLIC_URL);

  it('expands after VC 2.0 and OB 3.0 in safe mode, on every kind of node our certificates use', async () => {
    const document = {
      '@context': [VC_V2_URL, OB_V3P0_CONTEXT_URL, OUR_URL],
      id: 'urn:uuid:6a1f0c4e-2b7d-4c1a-9e3f-0d5b8a7c6e21',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      certificateNumber: '330106-2022-000123',
      replaces: 'urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100',
      issuer: { id: 'did:web:xueji.example.cn:issuers:330106', type: ['Profile'] },
      credentialSubject: {
        id: 'urn:uuid:8c216412-d136-5ff5-9f70-9348a691d105',
        type: ['AchievementSubject'],
        gender: '女',
        birthDate: '2010-03-07',
        studentNumber: 'S3320160000000420',
        source: { id: `${PUBLIC_URL}/schools/3133001234`, type: ['Profile'], schoolCode: '3133001234' },
        achievement: { id: `${PUBLIC_URL}/achievements/junior/completion`, type: ['Achievement'], educationStage: '初中', certificateKind: '结业证书' },
      },
    };

    const [expanded] = await jsonld.expand(document, { documentLoader: loaderWithOurs(), safe: true });

    expect(expanded['http://purl.org/dc/terms/replaces']).toEqual([{ '@id': 'urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100' }]);
    expect(JSON.stringify(expanded)).toContain('"https://schema.org/birthDate":[{"@type":"http://www.w3.org/2001/XMLSchema#date","@value":"2010-03-07"}]');
  });

  it('cannot be undercut: a later context that redefines a protected term is refused', async () => {
    const document = {
      '@context': [VC_V2_URL, OB_V3P0_CONTEXT_URL, OUR_URL, { gender: 'https://example.org/gender' }],
      id: 'urn:uuid:6a1f0c4e-2b7d-4c1a-9e3f-0d5b8a7c6e21',
      type: ['VerifiableCredential'],
      gender: '女',
    };

    await expect(jsonld.expand(document, { documentLoader: loaderWithOurs(), safe: true })).rejects.toThrow('Invalid JSON-LD syntax; tried to redefine a protected term.');
  });
});
