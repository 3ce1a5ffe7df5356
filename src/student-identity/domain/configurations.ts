import { BATCH_SIZE } from './offers.js';

/**
 * The identity credential's two OpenID4VCI credential configurations and the identifiers the
 * service publishes for them. Pure: everything derives from the deployment's public URL.
 *
 * - `StudentIdentity_dc+sd-jwt`: SD-JWT VC (`dc+sd-jwt`), ES256, bound by `cnf.jwk`; holder key
 *   in the proof JWT's `jwk` header.
 * - `StudentIdentity_ldp_vc`: W3C VC 2.0 with `ecdsa-sd-2023`, bound to the holder's did:key
 *   (credentialSubject.id); holder key as the proof JWT's `kid` (a did:key URL).
 */

export type IdentityFormat = 'dc+sd-jwt' | 'ldp_vc';
export const IDENTITY_FORMATS: readonly IdentityFormat[] = ['dc+sd-jwt', 'ldp_vc'];

export const SD_JWT_CONFIGURATION = 'StudentIdentity_dc+sd-jwt';
export const LDP_VC_CONFIGURATION = 'StudentIdentity_ldp_vc';
export const IDENTITY_CONFIGURATIONS = [SD_JWT_CONFIGURATION, LDP_VC_CONFIGURATION] as const;
export type IdentityConfigurationId = (typeof IDENTITY_CONFIGURATIONS)[number];

export function formatOf(configurationId: IdentityConfigurationId): IdentityFormat {
  return configurationId === SD_JWT_CONFIGURATION ? 'dc+sd-jwt' : 'ldp_vc';
}

export function identityVct(publicUrl: string): string {
  return `${publicUrl}/credentials/types/student-identity`;
}

/** An authority's SD-JWT issuer identifier; its JWT VC Issuer Metadata is at /.well-known/jwt-vc-issuer/issuers/{code}. */
export function sdJwtIssuerId(publicUrl: string, organisationCode: string): string {
  return `${publicUrl}/issuers/${organisationCode}`;
}

/** The Token Status List of status list `seq` (the same entries as its Bitstring Status List credentials). */
export function tokenStatusListUrl(publicUrl: string, listSeq: string | number): string {
  return `${publicUrl}/token-status-lists/${listSeq}`;
}

const DISPLAY = [
  { name: '学生可信教育数字身份', locale: 'zh-CN', description: '由主管教育行政部门依据学籍签发', background_color: '#8c1c13', text_color: '#ffffff' },
  { name: 'Student identity (trusted educational digital identity)', locale: 'en', description: 'Issued from the student register by the supervising education authority' },
];

/** Credential issuer metadata (OpenID4VCI 1.0 shape: each configuration has credential_metadata). */
export function credentialIssuerMetadata(publicUrl: string, identityContextUrl: string) {
  const proofTypes = (algs: string[]) => ({ jwt: { proof_signing_alg_values_supported: algs } });
  return {
    credential_issuer: publicUrl,
    authorization_servers: [publicUrl],
    credential_endpoint: `${publicUrl}/oid4vci/credential`,
    nonce_endpoint: `${publicUrl}/oid4vci/nonce`,
    batch_credential_issuance: { batch_size: BATCH_SIZE },
    display: [{ name: '学籍 Xueji', locale: 'zh-CN' }, { name: 'Xueji student register', locale: 'en' }],
    credential_configurations_supported: {
      [SD_JWT_CONFIGURATION]: {
        format: 'dc+sd-jwt',
        vct: identityVct(publicUrl),
        scope: 'student_identity_sd_jwt',
        cryptographic_binding_methods_supported: ['jwk'],
        credential_signing_alg_values_supported: ['ES256'],
        proof_types_supported: proofTypes(['ES256']),
        credential_metadata: { display: DISPLAY },
      },
      [LDP_VC_CONFIGURATION]: {
        format: 'ldp_vc',
        scope: 'student_identity_ldp_vc',
        credential_definition: {
          '@context': ['https://www.w3.org/ns/credentials/v2', identityContextUrl],
          type: ['VerifiableCredential', 'StudentIdentityCredential'],
        },
        cryptographic_binding_methods_supported: ['did:key'],
        credential_signing_alg_values_supported: ['ecdsa-sd-2023'],
        proof_types_supported: proofTypes(['ES256', 'EdDSA']),
        credential_metadata: { display: DISPLAY },
      },
    },
  };
}

/** OAuth 2.0 authorisation server metadata: the service is its own authorisation server (pre-authorised code only). */
export function authorizationServerMetadata(publicUrl: string) {
  return {
    issuer: publicUrl,
    token_endpoint: `${publicUrl}/oid4vci/token`,
    jwks_uri: `${publicUrl}/oid4vci/jwks`,
    grant_types_supported: ['urn:ietf:params:oauth:grant-type:pre-authorized_code'],
    'pre-authorized_grant_anonymous_access_supported': true,
    token_endpoint_auth_methods_supported: ['none'],
  };
}
