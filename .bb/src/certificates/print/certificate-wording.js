import { parseIsoDate } from './printable-certificate.js';
const TITLES = {
    graduation: { zh: '毕业证书', en: 'Graduation Certificate' },
    completion: { zh: '结业证书', en: 'Certificate of Completion' },
    incompletion: { zh: '肄业证书', en: 'Certificate of Incomplete Study' },
};
/** 第十九条: graduation needs the full period and passing results; completion the full period; 肄业 is leaving before the end. */
const OUTCOMES = {
    graduation: {
        zh: '修业期满，成绩合格，准予毕业。',
        en: 'completed the prescribed period of study with satisfactory results, and is hereby granted graduation.',
    },
    completion: {
        zh: '修业期满，准予结业。',
        en: 'completed the prescribed period of study, and is hereby granted a certificate of completion.',
    },
    incompletion: {
        zh: '因故中途离校，修业未满，准予肄业。',
        en: 'left school before completing the prescribed period of study, and is hereby granted a certificate of incomplete study.',
    },
};
const STAGES = {
    primary: { zh: '小学', en: 'primary school' },
    junior: { zh: '初级中学', en: 'junior secondary school' },
    senior: { zh: '高级中学', en: 'senior secondary school' },
};
const GENDERS = {
    male: { zh: '男', en: 'male' },
    female: { zh: '女', en: 'female' },
};
const BANNERS = {
    revoked: {
        label: { zh: '已撤销', en: 'REVOKED' },
        note: { zh: '本证书已被撤销，不再有效。', en: 'This certificate has been revoked and is no longer valid.' },
    },
    suspended: {
        label: { zh: '已暂停', en: 'SUSPENDED' },
        note: { zh: '本证书已暂停使用，请扫描二维码查询当前状态。', en: 'This certificate is suspended; scan the QR code for its current status.' },
    },
};
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** 2012-03-15 → 2012年3月15日 / 15 March 2012 */
export function formatDate(iso) {
    const { year, month, day } = dateParts(iso);
    return { zh: `${year}年${month}月${day}日`, en: `${day} ${MONTHS[month - 1]} ${year}` };
}
/** 2018-09-01 → 2018年9月 / September 2018: years of study are printed to the month. */
export function formatMonth(iso) {
    const { year, month } = dateParts(iso);
    return { zh: `${year}年${month}月`, en: `${MONTHS[month - 1]} ${year}` };
}
/** The model must have passed `assertPrintable`. */
export function certificateWording(m) {
    const gender = GENDERS[m.holder.gender];
    const stage = STAGES[m.stage];
    const born = formatDate(m.holder.birthDate);
    const from = formatMonth(m.studyFrom);
    const to = formatMonth(m.studyTo);
    const outcome = OUTCOMES[m.kind];
    const bodyZh = [
        { text: '学生 ' },
        { text: m.holder.name, filled: true },
        { text: '，性别' },
        { text: gender.zh, filled: true },
        { text: '，' },
        { text: born.zh, filled: true },
        { text: '生，于' },
        { text: from.zh, filled: true },
        { text: '至' },
        { text: to.zh, filled: true },
        { text: '在 ' },
        { text: m.school.name, filled: true },
        { text: ' ' },
        { text: stage.zh, filled: true },
        { text: ` 学习，${outcome.zh}` },
    ];
    const bodyEn = `This is to certify that ${m.holder.name}, ${gender.en}, born on ${born.en}, studied at ${m.school.name} ` +
        `(${stage.en}) from ${from.en} to ${to.en}, ${outcome.en}`;
    const banner = m.status === 'valid' ? undefined : BANNERS[m.status];
    return {
        title: TITLES[m.kind],
        bodyZh,
        bodyEn,
        number: { zh: '证书编号', en: 'Certificate No.', value: m.certificateNumber },
        issuer: { zh: '发证机关', en: 'Issuing authority', value: m.issuer.name, did: m.issuer.did },
        issuedOn: { zh: '发证日期', en: 'Date of issue', value: formatDate(m.issuedOn) },
        verify: {
            zh: `扫描二维码或访问 ${m.verificationUrl} 核验`,
            en: `Scan the QR code or visit ${m.verificationUrl} to verify`,
        },
        ...(banner ? { banner } : {}),
    };
}
export function bodyZhText(wording) {
    return wording.bodyZh.map((s) => s.text).join('');
}
function dateParts(iso) {
    const parts = parseIsoDate(iso);
    if (!parts)
        throw new TypeError(`"${iso}" is not a calendar date YYYY-MM-DD.`);
    return parts;
}
//# sourceMappingURL=certificate-wording.js.map