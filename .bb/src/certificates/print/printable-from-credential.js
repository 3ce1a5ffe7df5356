import { todayInChina } from '../../common/time/china-date.js';
/**
 * The printable certificate from a stored credential (certificate-credential.ts's shape): what
 * the issuer signed is what is printed. The status is the register's, passed in. Values are
 * read, not trusted: anything missing or unrecognised is passed on as it is, and
 * `assertPrintable` in the renderers names the field.
 */
export function printableFromCredential(credential, register) {
    const subject = record(credential.credentialSubject);
    const achievement = record(subject.achievement);
    const issuer = record(credential.issuer);
    const codes = /\/achievements\/(primary|junior|senior)\/(graduation|completion|incompletion)$/.exec(str(achievement.id));
    return {
        kind: (codes?.[2] ?? KINDS[str(achievement.certificateKind)] ?? str(achievement.certificateKind)),
        certificateNumber: str(credential.certificateNumber),
        holder: {
            name: str(subject.name),
            gender: (GENDERS[str(subject.gender)] ?? str(subject.gender)),
            birthDate: str(subject.birthDate),
        },
        school: { name: str(record(subject.source).name) },
        stage: (codes?.[1] ?? STAGES[str(achievement.educationStage)] ?? str(achievement.educationStage)),
        studyFrom: str(subject.activityStartDate).slice(0, 10),
        studyTo: str(subject.activityEndDate).slice(0, 10),
        issuer: { name: str(issuer.name), did: typeof credential.issuer === 'string' ? credential.issuer : str(issuer.id) },
        issuedOn: dayInChina(str(credential.validFrom)),
        verificationUrl: register.verificationUrl,
        status: register.status,
    };
}
const KINDS = { 毕业证书: 'graduation', 结业证书: 'completion', 肄业证书: 'incompletion' };
const STAGES = { 小学: 'primary', 初中: 'junior', 高中: 'senior' };
const GENDERS = { 男: 'male', 女: 'female' };
/** validFrom is an instant; the certificate's date of issue is that day in China. */
function dayInChina(instant) {
    const t = Date.parse(instant);
    return Number.isNaN(t) ? instant : todayInChina(new Date(t));
}
function record(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}
function str(value) {
    return typeof value === 'string' ? value : '';
}
//# sourceMappingURL=printable-from-credential.js.map