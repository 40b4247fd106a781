/**
 * The public declaration page, server-rendered (Vietnamese first, English second), for a cheap phone over 3G: one
 * HTML document with its stylesheet inside, one small deferred script (./declaration-assets.ts), a service worker for the door without
 * network, no framework, no remote content. The script reads its settings from data- attributes (the CSP forbids
 * inline script); each field's error slot carries the words of its problem (declaration-form.ts, the same words the
 * hub sends back), so the phone's own check and the hub's read alike.
 */
import { SEE_GUARD_TEXT } from '../../core/index.js';
import { html, raw, type RawHtml } from '../admin-web/admin-html.js';
import { fieldMessages, HEALTH_QUESTIONS, type FormField, type HealthQuestion } from './declaration-form.js';

/** The page's CSP: its one inline <style> by hash (`styleSource`, from declaration-assets.ts), nothing else inline. */
export function declarationPageCsp(styleSource: string): string {
  return `default-src 'none'; script-src 'self'; style-src ${styleSource}; img-src 'self' data:; connect-src 'self'; worker-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
}

export interface PageCheckpoint {
  readonly checkpointId: string;
  readonly name: string;
  readonly buildingName: string;
}

type Messages = ReturnType<typeof fieldMessages>;

/** The error slot beside a field: hidden until its field has a problem; the script links it with aria-describedby. */
const slot = (field: FormField, messages: Messages) =>
  html`<p class="fe" id="e-${field}" data-vi="${messages[field].vi}" data-en="${messages[field].en}" hidden></p>`;

const question = (name: HealthQuestion, messages: Messages) => {
  const { ask } = HEALTH_QUESTIONS[name];
  return html`<fieldset class="q" id="q-${name}"><legend>${ask.vi}<span class="en">${ask.en}</span></legend>
<div class="opts"><label><input type="radio" name="${name}" value="no" required> Không <span class="en">No</span></label>
<label><input type="radio" name="${name}" value="yes"> Có <span class="en">Yes</span></label></div>
${slot(name, messages)}</fieldset>`;
};

const field = (name: FormField, vi: string, en: string, control: RawHtml, messages: Messages) =>
  html`<div class="field"><label for="f-${name}">${vi}<span class="en">${en}</span></label>${control}${slot(name, messages)}</div>`;

function checkpointBanner(checkpoint: PageCheckpoint | undefined, unknownId: string | undefined): RawHtml {
  if (checkpoint) {
    return html`<p class="cp" data-testid="checkpoint">Điểm kiểm soát: <b>${checkpoint.name}</b> · ${checkpoint.buildingName}<span class="en">Checkpoint: ${checkpoint.name}</span></p>`;
  }
  if (unknownId) return html`<p class="err" role="alert">Không tìm thấy điểm kiểm soát "${unknownId}".<span class="en">Checkpoint "${unknownId}" not found.</span></p>`;
  return html``;
}

function myDeclaration(cp: PageCheckpoint | undefined): RawHtml {
  return html`<section id="mine" hidden data-testid="my-declaration">
<div id="card" class="card">
<h2 id="card-title" tabindex="-1">Mã khai báo y tế<span class="en">Health declaration code</span></h2>
<p id="card-name" class="name" data-testid="card-name"></p>
<p id="card-result" class="result"></p>
<p id="card-expiry" class="valid" data-testid="card-validity"></p>
<p id="card-guard" class="guard" data-testid="card-see-guard" hidden>${SEE_GUARD_TEXT.vi}<span class="en">${SEE_GUARD_TEXT.en}</span></p>
<img id="qr" alt="Mã QR khai báo y tế / Health declaration QR code" width="290" height="290">
</div>
<p id="checkin-status" role="status" aria-live="polite" data-testid="checkin-status"></p>
${cp ? html`<button id="checkin" type="button" class="primary" data-testid="checkin"><span class="on">Check-in tại đây<span class="en">Check in here</span></span><span class="off">Check-in cần mạng: đưa mã QR cho bảo vệ quét<span class="en">Check-in needs a connection: show the QR to the guard</span></span></button>` : html``}
<div class="row">
<a id="save" class="button" download="khai-bao-y-te.png" data-testid="save-image">Lưu ảnh<span class="en">Save image</span></a>
<button id="print" type="button">In thẻ A6<span class="en">Print A6 card</span></button>
</div>
<button id="again" type="button" data-testid="declare-again">Khai báo lại<span class="en">Declare again</span></button>
<button type="button" class="link forget" data-testid="forget">Xóa dữ liệu trên máy này<span class="en">Delete the data on this phone</span></button>
</section>`;
}

function declarationForm(cp: PageCheckpoint | undefined, messages: Messages): RawHtml {
  return html`<form id="form" novalidate data-testid="declaration-form">
<input type="hidden" name="checkpointId" value="${cp?.checkpointId ?? ''}">
<p id="prefilled" class="note" hidden data-testid="prefilled">Đã điền sẵn thông tin lưu trên máy này. Chỉ cần trả lời 3 câu hỏi.<span class="en">Filled in from this phone. Just answer the 3 questions.</span></p>
${field('fullName', 'Họ và tên', 'Full name', html`<input id="f-fullName" name="fullName" autocomplete="name" autocapitalize="words" maxlength="100" required>`, messages)}
${field('birthYear', 'Năm sinh', 'Year of birth', html`<input id="f-birthYear" name="birthYear" inputmode="numeric" autocomplete="bday-year" pattern="[0-9]{4}" maxlength="4" required>`, messages)}
${field('idKind', 'Loại giấy tờ', 'Document', html`<select id="f-idKind" name="idKind"><option value="cccd">CCCD (12 số)</option><option value="cmnd">CMND (9/12 số)</option><option value="passport">Hộ chiếu / Passport</option></select>`, messages)}
${field('idNumber', 'Số giấy tờ', 'ID number', html`<input id="f-idNumber" name="idNumber" inputmode="numeric" autocomplete="off" maxlength="20" required>`, messages)}
${field('phone', 'Số điện thoại', 'Phone', html`<input id="f-phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="15" required>`, messages)}
<p class="small">Trong 14 ngày qua, anh/chị có…<span class="en">In the last 14 days, did you have…</span></p>
<button id="none" type="button" data-testid="all-no">Không có dấu hiệu nào ở cả 3 câu<span class="en">No to all three questions</span></button>
${question('symptoms', messages)}
${question('contact', messages)}
${question('travel', messages)}
<p class="small">Tôi cam kết thông tin trên là đúng sự thật. Thông tin sức khỏe chỉ được lưu đến khi tờ khai hết hạn.<span class="en">I declare the above is true. Health answers are kept only until the declaration expires.</span></p>
<label class="check"><input id="remember" type="checkbox" checked> Nhớ họ tên, giấy tờ, số điện thoại trên máy này (không nhớ câu trả lời sức khỏe)<span class="en">Remember my details on this phone (not the health answers)</span></label>
<div id="problems" role="alert" data-testid="problems"></div>
<button type="submit" class="primary" data-testid="submit">Gửi tờ khai<span class="en">Submit</span></button>
<button type="button" class="link forget" data-testid="forget-form" hidden>Xóa dữ liệu trên máy này<span class="en">Delete the data on this phone</span></button>
</form>`;
}

/** `timeZone`: the hub's (config `timeZone`), in which the script shows the declaration's expiry. */
export function declarationPage(options: { checkpoint?: PageCheckpoint; unknownCheckpointId?: string; hubNow: number; assetVersion: string; currentYear: number; css: string; timeZone?: string }): string {
  const cp = options.checkpoint;
  const v = options.assetVersion;
  return html`<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Khai báo y tế · Health declaration</title>
<link rel="icon" href="data:,">
<style>${raw(options.css)}</style>
<script src="/declare.js?v=${v}" defer></script>
</head>
<body data-checkpoint="${cp?.checkpointId ?? ''}" data-hub-now="${options.hubNow}" data-time-zone="${options.timeZone ?? ''}" data-qr-src="/qrcode.js?v=${v}" data-sw="/sw.js?v=${v}">
<header><h1>Khai báo y tế<span class="en">Health declaration</span></h1>${checkpointBanner(cp, options.unknownCheckpointId)}</header>
<main>
<p id="offline" class="offline-note" role="status" hidden data-testid="offline">Không có mạng: đang dùng bản lưu trên máy này.<span class="en">Offline: using the copy kept on this phone.</span></p>
${myDeclaration(cp)}
${declarationForm(cp, fieldMessages(options.currentYear))}
</main>
</body>
</html>`.html;
}
