import { createHash } from 'node:crypto';
import { esc } from './print/certificate-html.js';
import { formatDate, formatMonth } from './print/certificate-wording.js';
import type { CertificateFacts, CheckRow, PageView } from './verification-page-model.js';
import { FORM_PROBLEMS, KINDS, PROVINCES_EN, ROWS, SKIP_REASONS, STAGES, T, VERDICTS, type FormProblem, type Lang, type Outcome } from './verification-page-wording.js';

/**
 * The public pages behind a certificate's QR code and the "check a file" form: plain HTML, no
 * script, no framework, nothing loaded from elsewhere. One inline style sheet, allowed by its
 * hash in the Content-Security-Policy these pages are served with; the language switch is a
 * link (or, for a posted credential, a button that posts it again).
 */

export interface PageOptions {
  lang: Lang;
  /** Root-relative path of the verification pages, e.g. `/verify` (PUBLIC_URL's path + /verify). */
  basePath: string;
  /** For a posted credential: the same credential, compact, to re-post in the other language. */
  repost?: string;
}

const OUTCOME_CLASS: Record<Outcome, string> = {
  valid: 'valid',
  revoked: 'revoked',
  suspended: 'suspended',
  tampered: 'tampered',
  expired: 'expired',
  untrusted: 'untrusted',
  unknown: 'unknown',
  notFound: 'notfound',
};
const OUTCOME_MARK: Record<Outcome, string> = {
  valid: '✔',
  revoked: '✘',
  suspended: '‖',
  tampered: '⚠',
  expired: '!',
  untrusted: '?',
  unknown: '?',
  notFound: '∅',
};
const ROW_MARK: Record<CheckRow['state'], string> = { pass: '✔', fail: '✘', unknown: '?', skipped: '–' };

export function renderVerificationPage(view: PageView, options: PageOptions): string {
  const { lang } = options;
  const verdict = VERDICTS[view.outcome];
  const body = `${verdictSection(view, options)}
${view.facts ? factsSection(view, view.facts, lang) : ''}
${view.rows.length ? checksSection(view.rows, lang) : ''}
<p class="meta">${esc(T.checkedAt[lang])} ${esc(chinaTime(view.checkedAt))} (${esc(T.timeZone[lang])})</p>
<p class="meta"><a href="${esc(withLang(options.basePath, lang))}">${esc(T.checkAnother[lang])}</a></p>
<p class="privacy">${esc(T.privacy[lang])}</p>`;
  return shell(lang, `${verdict.title[lang]} · ${T.pageTitle[lang]}`, languageSwitch(options), body);
}

/**
 * The page behind a QR code when no verdict could be reached now (every verification thread busy,
 * or the time limit passed): said in words, as the form says its refusals, with a way to try again.
 */
export function renderPageRefusal(problem: 'busy' | 'tooCostly', options: PageOptions): string {
  const { lang } = options;
  const body = `<h1>${esc(T.pageTitle[lang])}</h1>
<p class="problem" role="alert">${esc(FORM_PROBLEMS[problem][lang])}</p>
<p class="meta"><a href="?lang=${lang}">${esc(T.tryAgain[lang])}</a></p>
<p class="meta"><a href="${esc(withLang(options.basePath, lang))}">${esc(T.checkAnother[lang])}</a></p>
<p class="privacy">${esc(T.privacy[lang])}</p>`;
  return shell(lang, T.pageTitle[lang], languageSwitch(options), body);
}

export interface FormOptions {
  lang: Lang;
  basePath: string;
  problem?: FormProblem;
}

/** Anyone can check a credential they were handed: paste it or choose its file. */
export function renderVerificationForm(options: FormOptions): string {
  const { lang, basePath } = options;
  const problem = options.problem ? `<p class="problem" role="alert">${esc(FORM_PROBLEMS[options.problem][lang])}</p>\n` : '';
  const body = `<h1>${esc(T.formTitle[lang])}</h1>
<p>${esc(T.formIntro[lang])}</p>
${problem}<form class="upload" method="post" action="${esc(`${basePath}?lang=${lang}`)}" enctype="multipart/form-data" accept-charset="utf-8">
<label for="credential">${esc(T.formText[lang])}</label>
<textarea id="credential" name="credential" rows="10" spellcheck="false" autocomplete="off" autocapitalize="off"></textarea>
<label for="file">${esc(T.formFile[lang])}</label>
<input id="file" name="file" type="file" accept=".json,.jsonld,application/json,application/ld+json,application/vc+ld+json">
<p class="hint">${esc(T.formLimit[lang])}</p>
<button type="submit">${esc(T.formSubmit[lang])}</button>
</form>
<p class="privacy">${esc(T.privacy[lang])}</p>`;
  const other = lang === 'zh' ? 'en' : 'zh';
  const switcher = `<a class="lang" href="${esc(`${basePath}?lang=${other}`)}" hreflang="${other}" lang="${other === 'en' ? 'en' : 'zh-CN'}">${esc(T.switchTo[lang])}</a>`;
  return shell(lang, T.formTitle[lang], switcher, body);
}

/** The form for an online verification code (学信网's 在线验证码): a code in, the certificate's report out. */
export function renderCodeForm(options: { lang: Lang; action: string; unknown?: boolean }): string {
  const { lang, action } = options;
  const problem = options.unknown ? `<p class="problem" role="alert">${esc(T.codeUnknown[lang])}</p>\n` : '';
  const body = `<h1>${esc(T.codeTitle[lang])}</h1>
<p>${esc(T.codeIntro[lang])}</p>
${problem}<form class="upload" method="post" action="${esc(`${action}?lang=${lang}`)}" accept-charset="utf-8">
<label for="code">${esc(T.codeLabel[lang])}</label>
<input id="code" name="code" type="text" inputmode="latin" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40" placeholder="XXXX-XXXX-XXXX-XXXX">
<button type="submit">${esc(T.formSubmit[lang])}</button>
</form>
<p class="privacy">${esc(T.privacy[lang])}</p>`;
  const other = lang === 'zh' ? 'en' : 'zh';
  const switcher = `<a class="lang" href="${esc(`${action}?lang=${other}`)}" hreflang="${other}" lang="${other === 'en' ? 'en' : 'zh-CN'}">${esc(T.switchTo[lang])}</a>`;
  return shell(lang, T.codeTitle[lang], switcher, body);
}

function shell(lang: Lang, title: string, switcher: string, body: string): string {
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${STYLE}</style></head>
<body><header class="bar"><span class="brand">${esc(T.brand[lang])}</span>${switcher}</header>
<main>
${body}
</main></body></html>
`;
}

function languageSwitch(options: PageOptions): string {
  const other: Lang = options.lang === 'zh' ? 'en' : 'zh';
  const label = esc(T.switchTo[options.lang]);
  const langAttr = other === 'en' ? 'en' : 'zh-CN';
  if (options.repost === undefined) {
    return `<a class="lang" href="?lang=${other}" hreflang="${other}" lang="${langAttr}">${label}</a>`;
  }
  return `<form class="lang" method="post" action="${esc(`${options.basePath}?lang=${other}`)}" enctype="multipart/form-data" accept-charset="utf-8">
<input type="hidden" name="credential" value="${esc(options.repost)}">
<button type="submit" lang="${langAttr}">${label}</button></form>`;
}

function verdictSection(view: PageView, options: PageOptions): string {
  const { lang } = options;
  const verdict = VERDICTS[view.outcome];
  const lines: string[] = [];
  if (view.superseded) lines.push(`<p class="superseded">${esc(T.superseded[lang])}</p>`);
  if (view.reinstated) lines.push(`<p class="reinstated">${esc(T.reinstated[lang])}</p>`);
  if (view.reason) lines.push(`<p class="reason"><span class="k">${esc(T.reason[lang])}:</span> ${esc(view.reason)}</p>`);
  if (view.changedAt) lines.push(`<p class="changed"><span class="k">${esc(T.changedOn[lang])}:</span> ${esc(chinaTime(view.changedAt))}</p>`);
  if (view.replacedBy) {
    const href = withLang(`${options.basePath}/${encodeURIComponent(view.replacedBy)}`, lang);
    lines.push(`<p class="replacement"><a href="${esc(href)}">${esc(T.replacement[lang])} →</a></p>`);
  }
  return `<section class="verdict ${OUTCOME_CLASS[view.outcome]}" aria-labelledby="verdict">
<p class="mark" aria-hidden="true">${OUTCOME_MARK[view.outcome]}</p>
<h1 id="verdict">${esc(verdict.title[lang])}</h1>
<p class="why">${esc(verdict.why[lang])}</p>
${lines.join('\n')}
</section>`;
}

function factsSection(view: PageView, f: CertificateFacts, lang: Lang): string {
  const rows: Array<[string, string | undefined]> = [
    [T.number[lang], f.certificateNumber],
    [T.holder[lang], f.maskedName],
    [T.kind[lang], f.kind?.code ? KINDS[f.kind.code][lang] : f.kind?.text],
    [T.stage[lang], f.stage?.code ? STAGES[f.stage.code][lang] : f.stage?.text],
    [T.school[lang], f.school],
    [T.study[lang], studyPeriod(f, lang)],
    [T.issuedOn[lang], f.issuedOn ? safeDate(f.issuedOn, lang) : undefined],
    // The trust list's name only: an issuer not on it is shown by DID, whatever it calls itself.
    [T.issuer[lang], f.issuer.name ?? (view.issuerRegistered ? undefined : T.notRegistered[lang])],
    [T.region[lang], regionOf(f, lang)],
  ];
  const items = rows
    .filter((r): r is [string, string] => r[1] !== undefined)
    .map(([label, value]) => `<dt>${esc(label)}</dt><dd>${esc(value)}</dd>`);
  if (f.issuer.did) items.push(`<dt>${esc(T.did[lang])}</dt><dd class="did">${esc(f.issuer.did)}</dd>`);
  const warning = view.outcome === 'tampered' ? `<p class="warn">${esc(T.untrustedDetails[lang])}</p>\n` : '';
  return `<section class="facts${view.outcome === 'tampered' ? ' untrusted-data' : ''}"><h2>${esc(T.details[lang])}</h2>
${warning}<dl>
${items.join('\n')}
</dl></section>`;
}

function checksSection(rows: CheckRow[], lang: Lang): string {
  const items = rows.map((row) => {
    const words = ROWS[row.key];
    const note = row.skipReason ? SKIP_REASONS[row.skipReason][lang] : row.detail;
    return `<li class="check state-${row.state}" data-check="${row.key}"><span class="m" aria-hidden="true">${ROW_MARK[row.state]}</span><span class="what">${esc(words.what[lang])}</span><span class="says">${esc(words[row.state][lang])}</span>${note ? `<small class="tech">${esc(note)}</small>` : ''}</li>`;
  });
  return `<section class="checks"><h2>${esc(T.checks[lang])}</h2>
<ul>
${items.join('\n')}
</ul></section>`;
}

function regionOf(f: CertificateFacts, lang: Lang): string | undefined {
  const { divisionCode, province } = f.issuer;
  if (!divisionCode) return undefined;
  if (lang === 'zh') return `${province ? `${province.zh} · ` : ''}${T.divisionCode.zh} ${divisionCode}`;
  const name = province ? `${PROVINCES_EN[province.code] ?? province.zh} (${province.zh}), ` : '';
  return `${name}${T.divisionCode.en} ${divisionCode}`;
}

function studyPeriod(f: CertificateFacts, lang: Lang): string | undefined {
  if (!f.studyFrom || !f.studyTo) return undefined;
  const from = safeMonth(f.studyFrom, lang);
  const to = safeMonth(f.studyTo, lang);
  return lang === 'zh' ? `${from}至${to}` : `${from} – ${to}`;
}

function safeDate(iso: string, lang: Lang): string {
  try {
    return formatDate(iso)[lang];
  } catch {
    return iso;
  }
}

function safeMonth(iso: string, lang: Lang): string {
  try {
    return formatMonth(iso)[lang];
  } catch {
    return iso;
  }
}

/** 2026-11-29 08:00, in China Standard Time (UTC+8, no daylight saving). */
function chinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function withLang(path: string, lang: Lang): string {
  return lang === 'en' ? `${path}?lang=en` : path;
}

/** Mobile first: one column, large verdict; colours carry meaning twice (mark and words). */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f1f1f;background:#f6f7f9}
.bar{display:flex;justify-content:space-between;align-items:center;gap:1rem;padding:.6rem 1rem;background:#8b1a1a;color:#fff}
.brand{font-weight:600}
.lang,.lang button{color:#fff;font:inherit;background:none;border:1px solid #fff8;border-radius:1rem;padding:.1rem .8rem;text-decoration:none;cursor:pointer}
form.lang{margin:0;border:0;padding:0}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.45rem;margin:.2rem 0}
h2{font-size:1.05rem;margin:0 0 .5rem;color:#444}
section{background:#fff;border-radius:.75rem;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px #0002}
.verdict{border-left:.5rem solid}
.verdict .mark{float:right;margin:0 0 0 .5rem;width:2.6rem;height:2.6rem;border-radius:50%;text-align:center;font:700 1.6rem/2.6rem sans-serif;color:#fff}
.verdict p{margin:.4rem 0}
.verdict .k{font-weight:600}
.verdict.valid{border-color:#137333;background:#e6f4ea}.valid h1{color:#137333}.valid .mark{background:#137333}
.verdict.revoked{border-color:#b3261e;background:#fce8e6}.revoked h1{color:#b3261e}.revoked .mark{background:#b3261e}
.verdict.suspended{border-color:#b06000;background:#fef4e2}.suspended h1{color:#8a4b00}.suspended .mark{background:#b06000}
.verdict.tampered{border-color:#5b0a0a;background:repeating-linear-gradient(135deg,#fde7e7 0 12px,#fbd3d3 12px 24px)}.tampered h1{color:#5b0a0a}.tampered .mark{background:#5b0a0a}
.verdict.expired{border-color:#9c4221;background:#fbeee6}.expired h1{color:#9c4221}.expired .mark{background:#9c4221}
.verdict.unknown{border-color:#3b5b7a;background:#e8eef4}.unknown h1{color:#2c4a66}.unknown .mark{background:#3b5b7a}
.verdict.untrusted,.verdict.notfound{border-color:#5f6368;background:#f1f3f4}.untrusted h1,.notfound h1{color:#3c4043}.untrusted .mark,.notfound .mark{background:#5f6368}
.replacement a{font-weight:600}
dl{margin:0;display:grid;grid-template-columns:1fr;gap:0}
dt{font-size:.85rem;color:#666;margin-top:.45rem}
dd{margin:0;font-weight:600;overflow-wrap:anywhere}
dd.did{font:400 .8rem/1.4 ui-monospace,monospace;color:#555}
.warn{color:#5b0a0a;font-weight:700}
.untrusted-data dd{text-decoration:line-through;text-decoration-color:#b3261e80}
ul{list-style:none;margin:0;padding:0}
.check{display:grid;grid-template-columns:1.8rem 1fr;column-gap:.5rem;padding:.5rem 0;border-top:1px solid #eee}
.check:first-child{border-top:0}
.check .m{grid-row:span 3;width:1.6rem;height:1.6rem;border-radius:50%;text-align:center;font:700 1rem/1.6rem sans-serif;color:#fff}
.check .what{font-size:.85rem;color:#666}
.check .says{font-weight:600}
.check .tech{color:#666;overflow-wrap:anywhere}
.state-pass .m{background:#137333}.state-fail .m{background:#b3261e}.state-unknown .m{background:#b06000}.state-skipped .m{background:#9aa0a6}
.state-skipped .says{font-weight:400;color:#666}
.meta,.privacy,.hint{font-size:.85rem;color:#555}
.problem{padding:.6rem .8rem;border-radius:.5rem;background:#fce8e6;color:#b3261e;font-weight:600}
form.upload{display:flex;flex-direction:column;gap:.4rem}
textarea{width:100%;font:.85rem/1.4 ui-monospace,monospace;padding:.5rem;border:1px solid #bbb;border-radius:.5rem}
form.upload button{align-self:flex-start;font:inherit;font-weight:600;padding:.5rem 1.6rem;border:0;border-radius:.5rem;background:#8b1a1a;color:#fff;cursor:pointer}
@media (min-width:40rem){dl{grid-template-columns:10rem 1fr;column-gap:1rem}dt{margin-top:.45rem}dd{margin-top:.45rem}}
@media print{.bar,.lang,.meta a{display:none}body{background:#fff}section{box-shadow:none;border:1px solid #ccc}}
`;

/** For a Content-Security-Policy that allows this one style sheet and no script at all. */
export const VERIFICATION_PAGE_STYLE_HASH = `sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}`;

export const VERIFICATION_PAGE_CSP = [
  "default-src 'none'",
  `style-src '${VERIFICATION_PAGE_STYLE_HASH}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
