/**
 * The public declaration page, server-rendered (Vietnamese first, English second), for a cheap phone over 3G: one
 * HTML document, one small script and one stylesheet (./declaration-page-assets.ts), no framework, no remote content.
 * The script reads its settings from data- attributes (the CSP forbids inline script).
 */
import { html, type RawHtml } from '../admin-web/admin-html.js';

export const DECLARATION_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export interface PageCheckpoint {
  readonly checkpointId: string;
  readonly name: string;
  readonly buildingName: string;
}

const yesNo = (name: string, vi: string, en: string) => html`<fieldset class="q"><legend>${vi}<span class="en">${en}</span></legend>
<label><input type="radio" name="${name}" value="no" required> Không <span class="en">No</span></label>
<label><input type="radio" name="${name}" value="yes"> Có <span class="en">Yes</span></label>
</fieldset>`;

function checkpointBanner(checkpoint: PageCheckpoint | undefined, unknownId: string | undefined): RawHtml {
  if (checkpoint) {
    return html`<p class="cp" data-testid="checkpoint">Điểm kiểm soát: <b>${checkpoint.name}</b> · ${checkpoint.buildingName}<span class="en">Checkpoint: ${checkpoint.name}</span></p>`;
  }
  if (unknownId) return html`<p class="err" role="alert">Không tìm thấy điểm kiểm soát "${unknownId}".<span class="en">Checkpoint "${unknownId}" not found.</span></p>`;
  return html``;
}

/** `timeZone`: the hub's (config `timeZone`), in which the script shows the declaration's expiry. */
export function declarationPage(options: { checkpoint?: PageCheckpoint; unknownCheckpointId?: string; hubNow: number; assetVersion: string; timeZone?: string }): string {
  const cp = options.checkpoint;
  return html`<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Khai báo y tế · Health declaration</title>
<link rel="stylesheet" href="/declare.css?v=${options.assetVersion}">
<script src="/declare.js?v=${options.assetVersion}" defer></script>
</head>
<body data-checkpoint="${cp?.checkpointId ?? ''}" data-hub-now="${options.hubNow}" data-time-zone="${options.timeZone ?? ''}" data-qr-src="/qrcode.js?v=${options.assetVersion}">
<header><h1>Khai báo y tế<span class="en">Health declaration</span></h1>${checkpointBanner(cp, options.unknownCheckpointId)}</header>
<main>
<section id="mine" hidden data-testid="my-declaration">
<div id="card" class="card">
<h2>Mã khai báo y tế<span class="en">Health declaration code</span></h2>
<p id="card-name" class="name"></p>
<p id="card-result" class="result"></p>
<img id="qr" alt="Mã QR khai báo y tế / Health declaration QR code" width="290" height="290">
<p id="card-expiry" class="small"></p>
</div>
<p id="checkin-status" role="status" aria-live="polite"></p>
${cp ? html`<button id="checkin" type="button" class="primary" data-testid="checkin">Check-in tại đây<span class="en">Check in here</span></button>` : html``}
<div class="row">
<a id="save" class="button" download="khai-bao-y-te.png" data-testid="save-image">Lưu ảnh<span class="en">Save image</span></a>
<button id="print" type="button">In thẻ A6<span class="en">Print A6 card</span></button>
</div>
<button id="again" type="button" class="link">Khai báo lại<span class="en">Declare again</span></button>
</section>
<form id="form" novalidate data-testid="declaration-form">
<input type="hidden" name="checkpointId" value="${cp?.checkpointId ?? ''}">
<label>Họ và tên<span class="en">Full name</span><input name="fullName" autocomplete="name" maxlength="100" required></label>
<label>Năm sinh<span class="en">Year of birth</span><input name="birthYear" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" required></label>
<label>Loại giấy tờ<span class="en">Document</span><select name="idKind"><option value="cccd">CCCD (12 số)</option><option value="cmnd">CMND (9/12 số)</option><option value="passport">Hộ chiếu / Passport</option></select></label>
<label>Số giấy tờ<span class="en">ID number</span><input name="idNumber" autocomplete="off" maxlength="20" required></label>
<label>Số điện thoại<span class="en">Phone</span><input name="phone" type="tel" autocomplete="tel" maxlength="15" required></label>
<p class="small">Trong 14 ngày qua, anh/chị có…<span class="en">In the last 14 days, did you have…</span></p>
${yesNo('symptoms', 'Sốt, ho, khó thở, đau họng, mất vị giác/khứu giác?', 'Fever, cough, shortness of breath, sore throat, loss of taste/smell?')}
${yesNo('contact', 'Tiếp xúc với ca bệnh hoặc người nghi nhiễm COVID-19?', 'Contact with a COVID-19 case or suspected case?')}
${yesNo('travel', 'Đi qua vùng có dịch?', 'Travel through an outbreak area?')}
<p class="small">Tôi cam kết thông tin trên là đúng sự thật. Thông tin sức khỏe chỉ được lưu đến khi tờ khai hết hạn.<span class="en">I declare the above is true. Health answers are kept only until the declaration expires.</span></p>
<div id="problems" role="alert" data-testid="problems"></div>
<button type="submit" class="primary" data-testid="submit">Gửi tờ khai<span class="en">Submit</span></button>
</form>
</main>
</body>
</html>`.html;
}
