import { generateP256KeyPair, p256DidKey } from '../../domain/p256-keys.js';
import { ed25519Holder, ISSUER_DID, PUBLIC_URL, statusEntriesFixture, studentFacts } from './student-credential.fixtures.js';
import { buildStudentIdentityCredential, type StudentIdentityCredentialOptions, type StudentIdentityFacts } from './student-identity-credential.js';

const HOLDER_DID = ed25519Holder().did;

function options(overrides: Partial<StudentIdentityCredentialOptions> = {}): StudentIdentityCredentialOptions {
  return {
    publicUrl: PUBLIC_URL,
    validFrom: new Date('2026-03-02T01:00:00Z'),
    validUntil: new Date('2026-08-31T15:59:59Z'),
    holderDid: HOLDER_DID,
    credentialStatus: statusEntriesFixture(),
    ...overrides,
  };
}

describe('buildStudentIdentityCredential', () => {
  it('builds a VC 2.0 credential from the register’s facts, bound to the holder', () => {
    expect(buildStudentIdentityCredential(studentFacts(), options())).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://xueji.example.cn/contexts/xueji-identity/v1'],
      type: ['VerifiableCredential', 'StudentIdentityCredential'],
      issuer: { id: ISSUER_DID, name: '杭州市西湖区教育局' },
      validFrom: '2026-03-02T01:00:00Z',
      validUntil: '2026-08-31T15:59:59Z',
      credentialSubject: {
        id: HOLDER_DID,
        name: '李小明',
        gender: 'male',
        birthDate: '2011-05-20',
        studentNumber: 'S3320240000000420',
        school: {
          name: '杭州市西湖区文三中学',
          schoolCode: '3133001234',
          province: { divisionCode: '330000', name: '浙江省' },
          city: { divisionCode: '330100', name: '杭州市' },
          county: { divisionCode: '330106', name: '西湖区' },
        },
        educationStage: 'junior',
        grade: 9,
        enrolmentStatus: 'enrolled',
        age_over_12: true,
        age_over_14: true,
        age_over_16: false,
        age_over_18: false,
      },
      credentialStatus: statusEntriesFixture(),
    });
  });

  it('gives no id to the credential or the school nodes, which a disclosure would otherwise reveal', () => {
    const credential = buildStudentIdentityCredential(studentFacts(), options());
    const { school } = credential.credentialSubject;

    expect('id' in credential).toBe(false);
    expect([school, school.province, school.city, school.county].some((node) => 'id' in node)).toBe(false);
  });

  it('accepts a P-256 did:key holder', () => {
    const { did } = p256DidKey(generateP256KeyPair().publicKeyMultibase);

    expect(buildStudentIdentityCredential(studentFacts(), options({ holderDid: did })).credentialSubject.id).toBe(did);
  });

  it('copies the status entries rather than sharing them', () => {
    const entries = statusEntriesFixture();
    const credential = buildStudentIdentityCredential(studentFacts(), options({ credentialStatus: entries }));
    entries[0].statusListIndex = '1';

    expect(credential.credentialStatus[0].statusListIndex).toBe('40321');
  });

  type Case = [string, (facts: StudentIdentityFacts) => void, Partial<StudentIdentityCredentialOptions>, string];
  it.each<Case>([
    ['an issuer that is not a DID', (f) => (f.issuer.id = 'https://edu.example.cn'), {}, 'The issuer id must be a DID'],
    ['an empty name', (f) => (f.student.name = ' '), {}, 'student.name must be a non-empty string'],
    ['an unknown gender', (f) => (f.student.gender = 'x' as 'male'), {}, 'Unknown gender'],
    ['grade 13', (f) => (f.student.grade = 13), {}, 'grade must be 1–12'],
    ['an ID number as student number', (f) => (f.student.studentNumber = 'G330106201105200016'), {}, 'resident ID number'],
    ['an invalid birth date', (f) => (f.student.birthDate = '2011-02-30'), {}, 'birthDate must be a calendar date'],
    ['a 9-digit school code', (f) => (f.school.code = '313300123'), {}, 'The school code must be 10 digits'],
    ['a city of another province', (f) => (f.school.city.code = '320100'), {}, 'is not a city of province "330000"'],
    ['a county of another city', (f) => (f.school.county.code = '330206'), {}, 'is not a county of city "330100"'],
    ['a validity past 31 August', () => undefined, { validUntil: new Date('2026-09-01T00:00:00Z') }, 'longer than one school year'],
    ['a validity ending before it starts', () => undefined, { validUntil: new Date('2026-03-01T00:00:00Z') }, 'is empty or longer than one school year'],
    ['a holder that is not a did:key', () => undefined, { holderDid: 'did:web:wallet.example.cn' }, 'The holder must be an Ed25519 or P-256 did:key'],
    ['no status entries', () => undefined, { credentialStatus: [] }, 'needs its status entries'],
    ['a relative public URL', () => undefined, { publicUrl: '/xueji' }, 'publicUrl must be an http(s) URL'],
  ])('refuses %s', (_case, change, overrides, message) => {
    const facts = studentFacts();
    change(facts);

    expect(() => buildStudentIdentityCredential(facts, options(overrides))).toThrow(message);
  });
});
