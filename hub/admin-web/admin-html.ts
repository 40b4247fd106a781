/**
 * Server-rendered HTML of the admin web: Vietnamese first, no inline script or style (the CSP forbids both), every
 * interpolated value escaped. Pages are small; this is the one place markup is assembled.
 */
export const ADMIN_CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Tagged template: interpolations are escaped unless wrapped in `raw()`. */
export interface RawHtml {
  readonly html: string;
}

export function raw(html: string): RawHtml {
  return { html };
}

export function html(strings: TemplateStringsArray, ...values: readonly (string | number | RawHtml | readonly RawHtml[])[]): RawHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    if (Array.isArray(value)) out += (value as readonly RawHtml[]).map((v) => v.html).join('');
    else if (typeof value === 'object') out += (value as RawHtml).html;
    else out += escapeHtml(String(value));
    out += strings[i + 1]!;
  });
  return { html: out };
}

export function page(title: string, body: RawHtml, header?: RawHtml): string {
  return html`<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${title} · Quản trị cổng kiểm soát</title></head>
<body>
<header>${header ?? raw('')}</header>
<main><h1>${title}</h1>${body}</main>
</body>
</html>`.html;
}
