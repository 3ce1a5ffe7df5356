import { createI18n } from 'vue-i18n';
import * as roster from './messages/roster';
import { en as requestsEn, zh as requestsZh } from './messages/requests';
import * as certificates from './messages/certificates';
import { en as adminEn, zh as adminZh } from './messages/admin';
import { en as guardianEn, zh as guardianZh } from './messages/guardian';

/** 简体中文 first; English behind the switch in the header. Keys by page. */
const zh = {
  certificates: certificates.zh,
  app: { title: '学籍管理', lang: 'English', logout: '退出登录', roster: '学生名册', enrol: '新生注册', inbox: '待办审批', rateLimited: '操作过于频繁，请 {s} 秒后再试', sessionEnded: '登录已失效，请重新登录' },
  login: { title: '登录学籍管理系统', username: '用户名', password: '密码', totp: '动态验证码（已绑定时填写）', submit: '登录', failed: '用户名或密码错误', locked: '账号已锁定，请稍后再试' },
  status: { enrolled: '在籍', graduation_proposed: '拟毕业', graduated: '毕业', suspended: '休学', withdrawn: '退学', deceased: '死亡', merged: '已合并', abroad: '出国', deferred: '缓学' },
  stage: { primary: '小学', junior: '初中', senior: '高中' },
  gender: { male: '男', female: '女' },
  roster: roster.zh,
  student: { title: '学籍档案', idNumber: '证件号码', stage: '学段', enrolmentDate: '入学日期', history: '学籍状态变化', from: '起', to: '止', school: '学校', requests: '相关申请', kind: '类型', createdAt: '提交时间', current: '至今', back: '返回名册' },
  enrol: { title: '新生注册', name: '姓名', idNumber: '居民身份证号码', enrolmentDate: '入学日期', stage: '学段', grade: '年级', className: '班级', submit: '注册', done: '已注册，学籍号 {n}', region: '地区代码 {code}（{province}）', born: '出生日期 {date}，性别 {gender}', checkOk: '校验码正确', idHelp: '身份证号码共 18 位：前 6 位为地区代码，接着 8 位出生日期，3 位顺序码（奇数为男、偶数为女），最后 1 位是校验码（0–9 或 X），由前 17 位按 ISO 7064 MOD 11-2 计算。', problems: { format: '号码应为 18 位：17 位数字加一位数字或 X', region: '前 6 位不是有效的县级地区代码', birthDate: '第 7–14 位不是有效的出生日期', checkCharacter: '最后一位校验码与前 17 位不符，请核对是否输错（应为 {expected}）' } },
  inbox: { title: '待办审批', kind: '申请类型', step: '审批环节', due: '办理期限', overdue: '已超期', escalated: '已上报', approve: '同意', refuse: '不同意', reason: '理由', reasonNeeded: '不同意时必须填写理由（至少 2 个字）', decided: '已办理', raced: '他人已先行办理此环节，列表已刷新', racedBy: '他人已先行办理此环节：{who} 于 {at} {outcome}，列表已刷新', empty: '暂无待办事项', confirm: '确定', cancel: '取消' },
  error: { generic: '操作失败：{detail}' },
  requests: requestsZh,
  guardian: { ...guardianZh, title: '家长服务', login: '家长登录', signup: '注册家长账号', toSignup: '还没有账号？凭学校给的绑定码注册', toLogin: '已有账号？直接登录', code: '绑定码', codeHelp: '学校学籍管理员在学生档案页生成，形如 ABCD-EFGH-JKLM，14 天内有效，只能使用一次', passwordHelp: '至少 12 位，含大写字母、小写字母、数字、符号中的三类', confirm: '再次输入密码', mismatch: '两次输入的密码不一致', exists: '该手机号已注册，请直接登录后绑定孩子', bind: '绑定另一个孩子', bindSubmit: '绑定', bound: '已绑定 {name}', phone: '手机号码', children: '我的孩子', requests: '申请办理进度', none: '暂无申请', askedByYou: '由您提出', due: '期限 {d}', decided: '{d} 办结', noChildren: '尚未绑定孩子', relation: { father: '父亲', mother: '母亲', grandparent: '祖辈', legal_guardian: '监护人', other: '其他' } as Record<string, string>, step: { pending: '办理中', waiting: '待办', approved: '已同意', refused: '未同意' } as Record<string, string>, request: { open: '办理中', approved: '已批准', refused: '未批准', withdrawn: '已撤回' } as Record<string, string> },
  admin: adminZh,
  kind: { student_suspension: '休学', student_resumption: '复学', student_withdrawal: '退学', student_correction: '学籍信息更正', student_death_cancellation: '死亡注销', student_deferral: '缓学', student_entry_after_deferral: '缓学后入学', student_identity_document_change: '证件变更', student_progression: '升级', student_return_from_abroad: '出国返回', student_study_abroad: '出国留学', student_transfer: '转学', special_education_grade_change: '特殊教育年级调整' } as Record<string, string>,
};

const en: typeof zh = {
  certificates: certificates.en,
  app: { title: 'Student register', lang: '中文', logout: 'Sign out', roster: 'Roster', enrol: 'Enrol a student', inbox: 'Inbox', rateLimited: 'Too many requests; try again in {s} s', sessionEnded: 'Your session has ended; please sign in again' },
  login: { title: 'Sign in to the student register', username: 'Username', password: 'Password', totp: 'Authenticator code (once enrolled)', submit: 'Sign in', failed: 'Unknown username or wrong password', locked: 'The account is locked; try again later' },
  status: { enrolled: 'Enrolled', graduation_proposed: 'Graduation proposed', graduated: 'Graduated', suspended: 'Suspended', withdrawn: 'Withdrawn', deceased: 'Deceased', merged: 'Merged', abroad: 'Abroad', deferred: 'Deferred' },
  stage: { primary: 'Primary', junior: 'Junior secondary', senior: 'Senior secondary' },
  gender: { male: 'Male', female: 'Female' },
  roster: roster.en,
  student: { title: 'Student record', idNumber: 'ID number', stage: 'Stage', enrolmentDate: 'Enrolled on', history: 'Status history', from: 'From', to: 'To', school: 'School', requests: 'Requests', kind: 'Kind', createdAt: 'Submitted', current: 'now', back: 'Back to the roster' },
  enrol: { title: 'Enrol a student', name: 'Name', idNumber: 'Resident ID number', enrolmentDate: 'Enrolment date', stage: 'Stage', grade: 'Grade', className: 'Class', submit: 'Enrol', done: 'Enrolled, student number {n}', region: 'Region code {code} ({province})', born: 'Born {date}, {gender}', checkOk: 'Check character correct', idHelp: 'An ID number has 18 characters: a 6-digit region code, the 8-digit birth date, a 3-digit sequence (odd for male, even for female) and a check character (0–9 or X) computed from the first 17 digits by ISO 7064 MOD 11-2.', problems: { format: 'The number must be 17 digits followed by a digit or X', region: 'The first six digits are not a county-level region code', birthDate: 'Digits 7–14 are not a real birth date', checkCharacter: 'The last character does not match the first 17 digits; check for a typo (it should be {expected})' } },
  inbox: { title: 'Inbox', kind: 'Request', step: 'Step', due: 'Due', overdue: 'Overdue', escalated: 'Escalated', approve: 'Approve', refuse: 'Refuse', reason: 'Reason', reasonNeeded: 'A refusal needs a reason (two characters at least)', decided: 'Decided', raced: 'Someone else decided this step first; the list is refreshed', racedBy: 'Someone else decided this step first: {who}, {at}, {outcome}; the list is refreshed', empty: 'Nothing waiting for you', confirm: 'Confirm', cancel: 'Cancel' },
  error: { generic: 'That did not work: {detail}' },
  requests: requestsEn,
  guardian: { ...guardianEn, title: 'For parents', login: 'Parent sign-in', signup: 'Create a parent account', toSignup: 'No account yet? Create one with the code from the school', toLogin: 'Have an account? Sign in', code: 'Binding code', codeHelp: "The school's registrar makes it on the student's record page (like ABCD-EFGH-JKLM); valid 14 days, usable once", passwordHelp: '12 characters at least, from three of: upper case, lower case, digits, symbols', confirm: 'Password again', mismatch: 'The two passwords differ', exists: 'This number already has an account: sign in and bind the child there', bind: 'Bind another child', bindSubmit: 'Bind', bound: '{name} is bound', phone: 'Mobile number', children: 'My children', requests: 'Requests and their progress', none: 'No requests', askedByYou: 'asked by you', due: 'due {d}', decided: 'decided {d}', noChildren: 'No child bound yet', relation: { father: 'Father', mother: 'Mother', grandparent: 'Grandparent', legal_guardian: 'Guardian', other: 'Other' }, step: { pending: 'in progress', waiting: 'waiting', approved: 'approved', refused: 'refused' }, request: { open: 'in progress', approved: 'approved', refused: 'refused', withdrawn: 'withdrawn' } },
  admin: adminEn,
  kind: { student_suspension: 'Suspension', student_resumption: 'Resumption', student_withdrawal: 'Withdrawal', student_correction: 'Correction', student_death_cancellation: 'Death (cancellation of the record)', student_deferral: 'Deferral', student_entry_after_deferral: 'Entry after deferral', student_identity_document_change: 'Identity document change', student_progression: 'Progression', student_return_from_abroad: 'Return from abroad', student_study_abroad: 'Study abroad', student_transfer: 'Transfer', special_education_grade_change: 'Special-education grade change' },
};

const saved = localStorage.getItem('xueji-lang');
export const i18n = createI18n({ legacy: false, locale: saved === 'en' ? 'en' : 'zh', fallbackLocale: 'zh', messages: { zh, en } });
document.documentElement.lang = saved === 'en' ? 'en' : 'zh-CN';

/** A request kind in words; an unknown kind shows as the service names it. */
export function kindLabel(kind: string): string {
  const key = `kind.${kind}`;
  return i18n.global.te(key) ? i18n.global.t(key) : kind;
}

/** A request step in words (requests.step.*); an unknown step shows as the service names it. */
export function stepLabel(name: string): string {
  const key = `requests.step.${name}`;
  return i18n.global.te(key) ? i18n.global.t(key) : name;
}

export function switchLanguage(): void {
  const next = i18n.global.locale.value === 'zh' ? 'en' : 'zh';
  i18n.global.locale.value = next;
  localStorage.setItem('xueji-lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}
