/**
 * Every word of the public verification pages, in Chinese (the default) and English, so the two
 * languages stay side by side and a missing translation is a type error.
 */

export type Lang = 'zh' | 'en';
export type L10n = Record<Lang, string>;

/** What a person is told; each has its own colour on the page. */
export type Outcome = 'valid' | 'revoked' | 'suspended' | 'tampered' | 'expired' | 'untrusted' | 'unknown' | 'notFound';

/** One line per question a reader has, in the order they would ask it. */
export type RowKey = 'signature' | 'issuerKey' | 'issuerKnown' | 'validity' | 'notRevoked' | 'notSuspended' | 'statusList' | 'register';
export type RowState = 'pass' | 'fail' | 'unknown' | 'skipped';

/**
 * The verdict headline. The Chinese page glosses it in English: the verdict is the one thing a
 * reader must understand before finding the language switch.
 */
export const VERDICTS: Record<Outcome, { title: L10n; why: L10n }> = {
  valid: {
    title: { zh: '证书有效 Valid certificate', en: 'Valid certificate' },
    why: {
      zh: '签名完好，签发机关已登记，证书未被撤销或暂停。请核对下列信息与纸质证书一致。',
      en: 'The signature is intact, the issuer is registered, and the certificate is neither revoked nor suspended. Check that the details below match the paper certificate.',
    },
  },
  revoked: {
    title: { zh: '证书已撤销 Revoked', en: 'Revoked' },
    why: { zh: '签发机关已撤销本证书，它不再有效。', en: 'The issuing authority has revoked this certificate; it is no longer valid.' },
  },
  suspended: {
    title: { zh: '证书已暂停 Suspended', en: 'Suspended' },
    why: {
      zh: '签发机关已暂停本证书，暂停期间不能作为有效证书使用。',
      en: 'The issuing authority has suspended this certificate; while suspended it cannot be relied on.',
    },
  },
  tampered: {
    title: { zh: '内容被改动或伪造 Tampered or forged', en: 'Tampered or forged' },
    why: {
      zh: '数字签名与证书内容不符：内容在签发后被改动过，或并非签发机关签发。下列信息不可信。',
      en: 'The digital signature does not match the content: it was changed after issue or was never issued by this authority. Do not trust the details below.',
    },
  },
  expired: {
    title: { zh: '不在有效期内 Outside its validity period', en: 'Outside its validity period' },
    why: { zh: '证书尚未生效或已过期。', en: 'The certificate is not yet valid or has expired.' },
  },
  untrusted: {
    title: { zh: '签发机关未登记 Issuer not registered', en: 'Issuer not registered' },
    why: {
      zh: '签名本身完好，但签发者不是本系统登记的教育行政部门，本系统无法确认其证书。',
      en: 'The signature itself is intact, but the issuer is not an education authority registered here, so this register cannot vouch for it.',
    },
  },
  unknown: {
    title: { zh: '无法确认 Cannot be confirmed', en: 'Cannot be confirmed' },
    why: {
      zh: '证书当前状态无法查询（状态列表不可访问），因此不能确认有效。请稍后再试。',
      en: 'The current status of the certificate could not be checked (status list unreachable), so it cannot be confirmed valid. Try again later.',
    },
  },
  notFound: {
    title: { zh: '查无此证 No such certificate', en: 'No such certificate' },
    why: {
      zh: '本系统没有这个编号的证书。请确认二维码或链接完整无误；仍查不到的证书不可信。',
      en: 'This register holds no certificate under this number. Check that the QR code or link is complete; a certificate that cannot be found should not be trusted.',
    },
  },
};

/** The question each row answers, and what each state says about it, in plain words. */
export const ROWS: Record<RowKey, { what: L10n } & Record<RowState, L10n>> = {
  signature: {
    what: { zh: '数字签名', en: 'Digital signature' },
    pass: { zh: '签名有效，内容自签发以来未被改动', en: 'Valid; the content is exactly what was signed' },
    fail: { zh: '签名与内容不符，内容被改动过或系伪造', en: 'Does not match the content: altered or forged' },
    unknown: { zh: '无法检查签名', en: 'The signature could not be checked' },
    skipped: { zh: '未检查', en: 'Not checked' },
  },
  issuerKey: {
    what: { zh: '签名密钥', en: 'Signing key' },
    pass: { zh: '签名密钥属于签发机关', en: 'Belongs to the issuing authority' },
    fail: { zh: '签名密钥不属于所称的签发机关', en: 'Does not belong to the stated issuer' },
    unknown: { zh: '无法确认签名密钥', en: 'Could not be confirmed' },
    skipped: { zh: '未检查', en: 'Not checked' },
  },
  issuerKnown: {
    what: { zh: '签发机关', en: 'Issuer' },
    pass: { zh: '已在本系统登记的教育行政部门', en: 'An education authority registered here' },
    fail: { zh: '不是本系统登记的教育行政部门', en: 'Not an education authority registered here' },
    unknown: { zh: '无法确认签发机关', en: 'Could not be confirmed' },
    skipped: { zh: '未检查', en: 'Not checked' },
  },
  validity: {
    what: { zh: '有效期', en: 'Validity period' },
    pass: { zh: '在有效期内', en: 'Within its validity period' },
    fail: { zh: '不在有效期内（尚未生效或已过期）', en: 'Not yet valid, or expired' },
    unknown: { zh: '无法确认有效期', en: 'Could not be confirmed' },
    skipped: { zh: '未检查', en: 'Not checked' },
  },
  notRevoked: {
    what: { zh: '撤销状态', en: 'Revocation' },
    pass: { zh: '未被撤销', en: 'Not revoked' },
    fail: { zh: '已被撤销', en: 'Revoked' },
    unknown: { zh: '无法查询是否被撤销', en: 'Could not be checked' },
    skipped: { zh: '未检查', en: 'Not checked' },
  },
  notSuspended: {
    what: { zh: '暂停状态', en: 'Suspension' },
    pass: { zh: '未被暂停', en: 'Not suspended' },
    fail: { zh: '已被暂停', en: 'Suspended' },
    unknown: { zh: '无法查询是否被暂停', en: 'Could not be checked' },
    skipped: { zh: '未检查', en: 'Not checked' },
  },
  statusList: {
    what: { zh: '状态列表', en: 'Status list' },
    pass: { zh: '可访问，且其签名有效', en: 'Reachable, and its signature is valid' },
    fail: { zh: '无法访问或签名无效', en: 'Unreachable, or its signature is invalid' },
    unknown: { zh: '无法访问', en: 'Unreachable' },
    skipped: { zh: '未检查', en: 'Not checked' },
  },
  register: {
    what: { zh: '学籍系统登记', en: 'Register record' },
    pass: { zh: '登记为有效', en: 'Recorded as valid' },
    fail: { zh: '登记为无效（已撤销或暂停）', en: 'Recorded as revoked or suspended' },
    unknown: { zh: '无法查询登记状态', en: 'Could not be checked' },
    skipped: { zh: '未检查', en: 'Not checked' },
  },
};

/** Why a row was not checked, when a reader would otherwise wonder. */
export const SKIP_REASONS = {
  signatureFailed: { zh: '签名无效，未继续检查', en: 'not checked, as the signature failed' },
  noStatus: { zh: '证书不含状态信息', en: 'the credential carries no status entry' },
} satisfies Record<string, L10n>;

export const STAGES: Record<string, L10n> = {
  primary: { zh: '小学', en: 'Primary school' },
  junior: { zh: '初中', en: 'Junior secondary school' },
  senior: { zh: '高中', en: 'Senior secondary school' },
};

export const KINDS: Record<string, L10n> = {
  graduation: { zh: '毕业证书', en: 'Graduation certificate' },
  completion: { zh: '结业证书', en: 'Certificate of completion' },
  incompletion: { zh: '肄业证书', en: 'Certificate of incomplete study' },
};

/** GB/T 2260 province-level names in pinyin, for the English page (the Chinese names live with the ID rules). */
export const PROVINCES_EN: Readonly<Record<string, string>> = {
  '11': 'Beijing', '12': 'Tianjin', '13': 'Hebei', '14': 'Shanxi', '15': 'Inner Mongolia',
  '21': 'Liaoning', '22': 'Jilin', '23': 'Heilongjiang', '31': 'Shanghai', '32': 'Jiangsu',
  '33': 'Zhejiang', '34': 'Anhui', '35': 'Fujian', '36': 'Jiangxi', '37': 'Shandong',
  '41': 'Henan', '42': 'Hubei', '43': 'Hunan', '44': 'Guangdong', '45': 'Guangxi',
  '46': 'Hainan', '50': 'Chongqing', '51': 'Sichuan', '52': 'Guizhou', '53': 'Yunnan',
  '54': 'Tibet', '61': 'Shaanxi', '62': 'Gansu', '63': 'Qinghai', '64': 'Ningxia',
  '65': 'Xinjiang', '71': 'Taiwan', '81': 'Hong Kong', '82': 'Macao',
};

export const T = {
  pageTitle: { zh: '学籍电子证书核验', en: 'Certificate verification' },
  brand: { zh: '学籍电子证书核验', en: 'Student certificate verification' },
  switchTo: { zh: 'English', en: '中文' },
  details: { zh: '证书信息', en: 'Certificate details' },
  checks: { zh: '核验项目', en: 'What was checked' },
  untrustedDetails: { zh: '以下内容与签名不符，不可信：', en: 'These details do not match the signature and cannot be trusted:' },
  number: { zh: '证书编号', en: 'Certificate number' },
  kind: { zh: '证书类别', en: 'Certificate' },
  holder: { zh: '姓名', en: 'Name' },
  school: { zh: '学校', en: 'School' },
  stage: { zh: '学段', en: 'Stage' },
  study: { zh: '学习时间', en: 'Years of study' },
  issuedOn: { zh: '发证日期', en: 'Date of issue' },
  issuer: { zh: '签发机关', en: 'Issuing authority' },
  region: { zh: '所在地区', en: 'Region' },
  divisionCode: { zh: '行政区划代码', en: 'division code' },
  did: { zh: '签发机关标识 (DID)', en: 'Issuer identifier (DID)' },
  notRegistered: { zh: '不在信任列表中（不显示证书自称的名称）', en: 'not on the trust list (the name the credential gives itself is not shown)' },
  reason: { zh: '原因', en: 'Reason' },
  changedOn: { zh: '变更时间', en: 'Changed' },
  superseded: { zh: '本证书已被更正后的证书取代。', en: 'This certificate was replaced by a corrected one.' },
  replacement: { zh: '查看取代它的证书', en: 'Verify the certificate that replaced it' },
  reinstated: { zh: '本证书曾被暂停，已恢复有效。', en: 'This certificate was suspended and has been reinstated.' },
  checkedAt: { zh: '核验时间', en: 'Checked at' },
  timeZone: { zh: '北京时间', en: 'China Standard Time' },
  checkAnother: { zh: '核验其他证书文件', en: 'Check a credential file' },
  tryAgain: { zh: '重试', en: 'Try again' },
  privacy: {
    zh: '本页不显示身份证号，姓名已部分隐藏，请与纸质证书或持证人核对。签名在服务器上依据签发机关公布的 DID 文档核验。',
    en: 'This page never shows the ID number and masks the name; compare it with the paper certificate or the holder. The signature was verified on this server against the issuer’s published DID document.',
  },
  technical: { zh: '技术信息', en: 'technical detail' },
  formTitle: { zh: '核验证书文件', en: 'Check a credential file' },
  formIntro: {
    zh: '粘贴您收到的电子证书（JSON 格式的可验证凭证），或选择证书文件。提交的内容只用于本次核验，不会保存。',
    en: 'Paste the e-certificate you were given (a verifiable credential in JSON), or choose its file. What you submit is used for this check only and is not stored.',
  },
  formText: { zh: '证书内容（JSON）', en: 'Credential (JSON)' },
  formFile: { zh: '或选择文件', en: 'or choose a file' },
  formSubmit: { zh: '核验', en: 'Verify' },
  formLimit: { zh: '最大 64 KB。', en: 'At most 64 KB.' },
  codeTitle: { zh: '在线验证码核验', en: 'Check an online verification code' },
  codeIntro: {
    zh: '输入持证人提供的 16 位在线验证码，查看证书的核验报告。验证码由持证人设定有效期，可随时关闭；每次使用都会告知持证人。',
    en: 'Enter the 16-character online verification code the holder gave you to see the certificate’s verification report. The holder sets how long it lasts and may close it at any time; each use is shown to them.',
  },
  codeLabel: { zh: '在线验证码', en: 'Verification code' },
  codeUnknown: { zh: '验证码无效、已过期或已被持证人关闭。', en: 'That code is not valid, has expired, or was closed by the holder.' },
} satisfies Record<string, L10n>;

/** Why a submitted form could not be checked at all. */
export type FormProblem = 'empty' | 'notJson' | 'notObject' | 'tooLarge' | 'tooDeep' | 'tooManyValues' | 'notForm' | 'tooCostly' | 'busy';

export const FORM_PROBLEMS: Record<FormProblem, L10n> = {
  empty: { zh: '请粘贴证书内容或选择文件。', en: 'Paste the credential or choose a file.' },
  notJson: { zh: '内容不是有效的 JSON。', en: 'That is not valid JSON.' },
  notObject: { zh: '内容不是一个可验证凭证（JSON 对象）。', en: 'That is not a verifiable credential (a JSON object).' },
  tooLarge: { zh: '内容过大（最大 64 KB）。', en: 'That is too large (at most 64 KB).' },
  tooDeep: { zh: '内容嵌套过深（最多 64 层），无法在此核验。', en: 'That is nested too deeply to verify here (at most 64 levels).' },
  tooManyValues: { zh: '内容包含的数据项过多（最多 2,000 个），无法在此核验。', en: 'That holds too many values to verify here (at most 2,000).' },
  notForm: { zh: '请通过本页的表单提交。', en: 'Submit it with the form on this page.' },
  tooCostly: { zh: '核验超时：该内容过于复杂，无法在此核验。', en: 'Verification took too long: that document is too costly to verify here.' },
  busy: { zh: '当前核验请求过多，请稍后再试。', en: 'Too many verifications at the moment; try again shortly.' },
};
