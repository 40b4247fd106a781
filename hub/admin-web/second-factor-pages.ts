/**
 * The pages of the second sign-in step (second-factor.ts): enrolment (the otpauth:// QR and the secret, shown while
 * the step is pending and never again once confirmed), the code form (authenticator code or a recovery code), and
 * the recovery codes, shown once right after enrolment. Vietnamese first, English second.
 */
import { html, page, raw } from './admin-html.js';

const ACTION = '/admin-web/login/second-factor';

/** "ABCD EFGH …": easier to type into an authenticator app by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

function codeField(csrf: string, label: string) {
  return html`<input type="hidden" name="_csrf" value="${csrf}">
<label>${label} <input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required></label>`;
}

export function enrolmentPage(csrf: string, qrDataUrl: string, secret: string, message = ''): string {
  return page(
    'Thiết lập xác thực hai lớp',
    html`${message ? html`<p role="alert">${message}</p>` : raw('')}
<p>Tài khoản này có quyền truy vết nên cần lớp xác thực thứ hai. Quét mã QR bằng ứng dụng xác thực (Google Authenticator,
Microsoft Authenticator, FreeOTP…), rồi nhập mã 6 chữ số ứng dụng hiển thị.<br>
<span lang="en">This account may trace contacts, so it signs in with a second factor: scan the QR with an authenticator app and type its 6-digit code.</span></p>
<p><img id="totp-qr" src="${qrDataUrl}" width="240" height="240" alt="Mã QR otpauth:// của tài khoản (QR code of the account's otpauth:// URI)"></p>
<p>Không quét được? Nhập khóa bí mật này (chỉ hiển thị một lần) / Or type this secret (shown once):<br><code id="totp-secret">${groupedSecret(secret)}</code></p>
<form method="post" action="${ACTION}">
${codeField(csrf, 'Mã xác thực (6 chữ số) / Code')}
<button type="submit">Xác nhận</button>
</form>`,
  );
}

export function codePage(csrf: string, message = ''): string {
  return page(
    'Xác thực hai lớp',
    html`${message ? html`<p role="alert">${message}</p>` : raw('')}
<p>Nhập mã 6 chữ số trong ứng dụng xác thực của bạn. <span lang="en">Type the 6-digit code of your authenticator app.</span></p>
<form method="post" action="${ACTION}">
${codeField(csrf, 'Mã xác thực / Code')}
<button type="submit">Đăng nhập</button>
</form>
<details><summary>Mất điện thoại? Dùng mã khôi phục / Lost your phone? Use a recovery code</summary>
<form method="post" action="${ACTION}">
<input type="hidden" name="_csrf" value="${csrf}">
<label>Mã khôi phục / Recovery code <input name="recoveryCode" autocomplete="off" maxlength="24" required></label>
<button type="submit">Dùng mã khôi phục</button>
</form>
<p>Mỗi mã khôi phục chỉ dùng được một lần. Hết mã: nhờ quản trị hub chạy <code>gate-terminal create-admin … --reset-second-factor</code>.</p>
</details>`,
  );
}

export function recoveryCodesPage(codes: readonly string[]): string {
  return page(
    'Mã khôi phục',
    html`<p role="status">Đã bật xác thực hai lớp. <span lang="en">Second factor enabled.</span></p>
<p><strong>Lưu các mã khôi phục này ở nơi an toàn (in ra hoặc trình quản lý mật khẩu). Chúng chỉ hiển thị lần này;</strong>
mỗi mã thay cho mã 6 chữ số một lần khi bạn mất điện thoại.<br>
<span lang="en">Keep these recovery codes somewhere safe: they are shown only now, and each replaces a code once.</span></p>
<ol id="recovery-codes">${codes.map((c) => html`<li><code>${c}</code></li>`)}</ol>
<p><a href="/admin-web/">Tiếp tục / Continue</a></p>`,
  );
}
