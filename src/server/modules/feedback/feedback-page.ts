import type { Answers } from '../../../shared/domain/feedback.ts';
import { type AboutMe, CHANNEL_WORDS, consentField, PURPOSE_WORDS } from './about-me.service.ts';

/**
 * The customer's feedback page, rendered on the server as one small document: inline style and
 * one inline script (both carrying the response's nonce), no fonts, images or requests elsewhere,
 * so it is fast on a cheap phone and tells no third party that the customer visited. Every value
 * is escaped where it is written.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** The Content-Security-Policy of a page: its own inline style and script by nonce, requests only to itself. */
export function pageSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f6f6f4}
header{background:var(--brand);color:var(--on-brand);padding:1rem 1.25rem}
header p{margin:0;font-weight:700;font-size:1.125rem}
main{max-width:36rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.375rem;line-height:1.3;margin:.5rem 0 .25rem}
.lead{margin:0 0 1rem;color:#444}
fieldset{border:0;margin:0 0 1.25rem;padding:0}
legend{font-weight:650;margin-bottom:.5rem;padding:0}
.choices{display:flex;flex-wrap:wrap;gap:.5rem}
.choice{position:relative;flex:1 1 0;min-width:3.25rem}
.choice input{position:absolute;opacity:0;width:1px;height:1px}
.choice>span{display:flex;align-items:center;justify-content:center;min-height:48px;padding:.5rem .75rem;border:2px solid #8a8a8a;border-radius:.5rem;background:#fff;text-align:center;cursor:pointer}
.choice input:checked+span{background:var(--brand);border-color:var(--brand);color:var(--on-brand);font-weight:650}
.choice input:focus-visible+span,textarea:focus-visible,button:focus-visible,.check input:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
.scale{display:flex;justify-content:space-between;font-size:.875rem;color:#444;margin-top:.25rem}
label.block{display:block;font-weight:650;margin-bottom:.5rem}
textarea{width:100%;min-height:7rem;padding:.625rem;font:inherit;border:2px solid #8a8a8a;border-radius:.5rem;background:#fff}
.hint{font-size:.875rem;color:#444;margin:.25rem 0 0}
.check{display:flex;align-items:center;gap:.75rem;min-height:48px;margin:0 0 1.25rem;cursor:pointer}
.check input{width:1.5rem;height:1.5rem;margin:0;accent-color:var(--brand)}
button{min-height:48px;width:100%;padding:.75rem 1rem;font:inherit;font-weight:650;color:var(--on-brand);background:var(--brand);border:0;border-radius:.5rem;cursor:pointer}
.status{min-height:1.5rem;margin:.75rem 0 0;font-weight:650}
.notice{padding:.75rem 1rem;border-radius:.5rem;margin:0 0 1rem;background:#e8f3ec;border:2px solid #2e7d4f}
.error{background:#fdecea;border-color:#b3261e}
.problem{text-align:center;padding-top:3rem}
h2{font-size:1.1875rem;line-height:1.3;margin:1.75rem 0 .5rem}
h3{font-size:1.0625rem;margin:1rem 0 .25rem}
dl{margin:0}
dt{font-weight:650;margin-top:.625rem}
dd{margin:0;overflow-wrap:anywhere}
ul.items{margin:0;padding-left:1.25rem}
ul.items li{overflow-wrap:anywhere}
.empty{color:#444;margin:0}
a.link{display:inline-flex;align-items:center;min-height:44px;color:#1a1a1a;font-weight:650;text-decoration:underline;text-underline-offset:.2em}
a.link:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
fieldset.channel{border:2px solid #d0d0cc;border-radius:.5rem;padding:.75rem;margin:0 0 1rem;background:#fff}
fieldset.channel>legend{padding:0 .25rem;font-size:1.0625rem}
fieldset.purpose{margin:0 0 .75rem}
fieldset.purpose:last-child{margin-bottom:0}
.state{display:block;font-weight:400;font-size:.9375rem;color:#444}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

interface Shell {
  lang: string;
  title: string;
  retailerName: string | null;
  brandColour: string;
  nonce: string;
  body: string;
  script?: string;
}

/** White or near-black, whichever reads better on the retailer's colour (WCAG relative luminance). */
function textOn(hex: string): string {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast with white is 1.05 / (L + 0.05); with #1a1a1a, (L + 0.05) / 0.0604.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0604 ? '#fff' : '#1a1a1a';
}

function shell(s: Shell): string {
  const brand = /^#[0-9a-fA-F]{6}$/.test(s.brandColour) ? s.brandColour : '#266845';
  return `<!doctype html>
<html lang="${escapeHtml(s.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(s.title)}</title>
<style nonce="${escapeHtml(s.nonce)}">:root{--brand:${brand};--on-brand:${textOn(brand)}}${STYLE}</style>
</head>
<body>
<header><p>${escapeHtml(s.retailerName ?? 'Feedback')}</p></header>
<main>
${s.body}
</main>
${s.script ? `<script nonce="${escapeHtml(s.nonce)}">${s.script}</script>` : ''}
</body>
</html>`;
}

/** A page for a link that does not open: invalid (404) or expired (410). */
export function renderProblemPage(p: { kind: 'invalid' | 'expired'; retailerName: string | null; nonce: string; lang?: string }): string {
  const title = p.kind === 'expired' ? 'This link has expired' : 'This link does not work';
  const text =
    p.kind === 'expired'
      ? 'The time to give feedback on this visit has passed. Thank you for thinking of us.'
      : 'Please check that the whole link was copied, or scan the code again. A link is personal and may have been replaced by a newer one.';
  return shell({
    lang: p.lang ?? 'en',
    title,
    retailerName: p.retailerName,
    brandColour: '#266845',
    nonce: p.nonce,
    body: `<div class="problem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></div>`,
  });
}

const radio = (name: string, value: string, label: string, checked: boolean, spoken = '') =>
  `<label class="choice"><input type="radio" name="${name}" value="${escapeHtml(value)}"${checked ? ' checked' : ''}><span>${escapeHtml(label)}${
    spoken ? `<span class="sr"> ${escapeHtml(spoken)}</span>` : ''
  }</span></label>`;

const yesNo = (name: keyof Answers, legend: string, value: boolean | null) =>
  `<fieldset><legend>${escapeHtml(legend)}</legend><div class="choices">${radio(name, 'yes', 'Yes', value === true)}${radio(
    name,
    'no',
    'No',
    value === false,
  )}</div></fieldset>`;

// Saves each answer as it is given; the form still posts as a whole when the script cannot run.
const SCRIPT = `(function(){
var f=document.getElementById('feedback'),s=document.getElementById('status'),t=null;
function val(el){if(el.name==='satisfaction')return Number(el.value);if(el.name==='expectations')return el.value;if(el.name==='comment')return el.value;if(el.type==='checkbox')return el.checked;return el.value==='yes'}
function save(body){s.textContent='Saving…';fetch(f.getAttribute('action'),{method:'PUT',headers:{'content-type':'application/json'},body:JSON.stringify(body),credentials:'omit'}).then(function(r){return r.json().then(function(j){if(r.ok){s.textContent='Saved';}else{s.textContent=(j&&j.error&&j.error.message)||'Not saved. Please try again.';}})}).catch(function(){s.textContent='Not saved: check your connection and try again.'})}
f.addEventListener('change',function(e){var el=e.target;if(!el.name)return;var b={};b[el.name]=val(el);save(b)});
f.addEventListener('input',function(e){if(e.target.name!=='comment')return;clearTimeout(t);t=setTimeout(function(){save({comment:e.target.value})},1200)});
f.addEventListener('submit',function(e){e.preventDefault();clearTimeout(t);var b={},els=f.elements;for(var i=0;i<els.length;i++){var el=els[i];if(!el.name)continue;if(el.type==='radio'){if(el.checked)b[el.name]=val(el)}else if(el.type==='checkbox'||el.tagName==='TEXTAREA'){b[el.name]=val(el)}}save(b)});
})();`;

/** The questions, with the answers given so far filled in. */
export function renderFeedbackPage(p: {
  action: string;
  lang: string;
  retailerName: string;
  storeName: string;
  brandColour: string;
  expiresOn: string;
  answers: Answers;
  nonce: string;
  saved?: boolean;
  error?: string | null;
  /** The page of what the shop keeps about the customer, when the visit had one. */
  aboutUrl?: string | null;
}): string {
  const a = p.answers;
  const satisfaction = [1, 2, 3, 4, 5]
    .map((n) =>
      radio('satisfaction', String(n), String(n), a.satisfaction === n, n === 1 ? 'of 5, not at all' : n === 5 ? 'of 5, very' : 'of 5'),
    )
    .join('');
  const expectations = (
    [
      ['not-met', 'Not met'],
      ['met', 'Met'],
      ['exceeded', 'Exceeded'],
    ] as const
  )
    .map(([v, label]) => radio('expectations', v, label, a.expectations === v))
    .join('');
  const notice = p.error
    ? `<p class="notice error" role="alert">${escapeHtml(p.error)} Nothing was saved.</p>`
    : p.saved
      ? '<p class="notice" role="status">Thank you: your answers are saved.</p>'
      : '';
  const body = `<h1>How was your visit to ${escapeHtml(p.storeName)}?</h1>
<p class="lead">Every question is optional, and each answer counts as soon as you give it. You can come back to change them until ${escapeHtml(p.expiresOn)}.</p>
${notice}
<form id="feedback" method="post" action="${escapeHtml(p.action)}" novalidate>
<fieldset><legend>How satisfied are you with your visit?</legend><div class="choices">${satisfaction}</div><div class="scale" aria-hidden="true"><span>1 not at all</span><span>5 very</span></div></fieldset>
<fieldset><legend>Were your expectations…</legend><div class="choices">${expectations}</div></fieldset>
${yesNo('listened', 'Did we listen to what you needed?', a.listened)}
${yesNo('feltRushed', 'Did you ever feel rushed or pressured?', a.feltRushed)}
${yesNo('inStock', 'Was what you wanted in stock?', a.inStock)}
<label class="block" for="comment">Anything else you would like to tell us? (optional)</label>
<textarea id="comment" name="comment" maxlength="5000" aria-describedby="comment-hint">${escapeHtml(a.comment ?? '')}</textarea>
<p class="hint" id="comment-hint">Up to 5,000 characters.</p>
<label class="check" for="mayContact"><input type="checkbox" id="mayContact" name="mayContact" value="yes"${a.mayContact ? ' checked' : ''}>You may contact me about this</label>
<button type="submit">Save my answers</button>
<p class="status" id="status" role="status" aria-live="polite"></p>
</form>${
    p.aboutUrl ? `\n<p><a class="link" href="${escapeHtml(p.aboutUrl)}">See what ${escapeHtml(p.retailerName)} keeps about you</a></p>` : ''
  }`;
  return shell({
    lang: p.lang,
    title: `Your visit to ${p.retailerName}`,
    retailerName: p.retailerName,
    brandColour: p.brandColour,
    nonce: p.nonce,
    body,
    script: SCRIPT,
  });
}

const section = (id: string, heading: string, content: string) =>
  `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(heading)}</h2>${content}</section>`;

const items = (values: string[]) => `<ul class="items">${values.map((v) => `<li>${escapeHtml(v)}</li>`).join('')}</ul>`;

/**
 * What the shop keeps about the customer, in words, and a form to change their consent per
 * channel and purpose. Works without a script: the form posts and the page comes back.
 */
export function renderAboutPage(p: {
  action: string;
  feedbackUrl: string;
  lang: string;
  retailerName: string;
  storeName: string;
  brandColour: string;
  about: AboutMe;
  nonce: string;
  saved?: boolean;
  error?: string | null;
}): string {
  const a = p.about;
  const title = `What ${p.retailerName} keeps about you`;
  const notice = p.error
    ? `<p class="notice error" role="alert">${escapeHtml(p.error)} Nothing was saved.</p>`
    : p.saved
      ? '<p class="notice" role="status">Saved: your choices are recorded.</p>'
      : '';
  const names = `<dl><dt>Name</dt><dd>${escapeHtml(a.name)}</dd>${
    a.preferredName ? `<dt>What you like to be called</dt><dd>${escapeHtml(a.preferredName)}</dd>` : ''
  }</dl>`;
  const contactRows = [
    ...a.phones.map((ph) => `<dt>Phone (${escapeHtml(ph.label)})</dt><dd>${escapeHtml(ph.number)}</dd>`),
    ...a.emails.map((e) => `<dt>E-mail (${escapeHtml(e.label)})</dt><dd>${escapeHtml(e.address)}</dd>`),
    ...(a.address.length ? [`<dt>Address</dt><dd>${a.address.map(escapeHtml).join('<br>')}</dd>`] : []),
  ];
  const contact = contactRows.length ? `<dl>${contactRows.join('')}</dl>` : '<p class="empty">None.</p>';
  const preferences = a.preferences.length
    ? a.preferences.map((g) => `<h3>${escapeHtml(g.heading)}</h3>${items(g.items)}`).join('')
    : '<p class="empty">Nothing yet.</p>';
  const dates = a.dates.length ? items(a.dates) : '<p class="empty">None.</p>';
  const channels = [...new Set(a.consents.map((c) => c.channel))]
    .map((channel) => {
      const purposes = a.consents
        .filter((c) => c.channel === channel)
        .map((c) => {
          const name = consentField(c.channel, c.purpose);
          const state = c.granted === null ? 'Not asked yet' : `Now: ${c.granted ? 'yes' : 'no'}${c.since ? `, since ${c.since}` : ''}`;
          return `<fieldset class="purpose"><legend>${escapeHtml(PURPOSE_WORDS[c.purpose])}<span class="state"> ${escapeHtml(state)}</span></legend><div class="choices">${radio(
            name,
            'yes',
            'Yes',
            c.granted === true,
          )}${radio(name, 'no', 'No', c.granted === false)}</div></fieldset>`;
        })
        .join('');
      return `<fieldset class="channel"><legend>${escapeHtml(CHANNEL_WORDS[channel])}</legend>${purposes}</fieldset>`;
    })
    .join('');
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="lead">This is what we hold about you to serve you well. You can choose below how we may contact you. To correct or remove anything else, ask us at ${escapeHtml(p.storeName)}.</p>
${notice}
${section('about-you', 'You', names)}
${section('about-contact', 'Your contact details', contact)}
${section('about-likes', 'What you have told us you like', preferences)}
${section('about-dates', 'Dates to remember', dates)}
${section(
  'about-consent',
  'How we may contact you',
  `<form method="post" action="${escapeHtml(p.action)}" novalidate>${channels}<button type="submit">Save my choices</button></form>`,
)}
<p><a class="link" href="${escapeHtml(p.feedbackUrl)}">Back to your feedback</a></p>`;
  return shell({
    lang: p.lang,
    title,
    retailerName: p.retailerName,
    brandColour: p.brandColour,
    nonce: p.nonce,
    body,
  });
}
