// The declaration page's only script (served as /declare.js; no framework). Keeps on the phone (localStorage) the
// person's latest declaration and, if they agree, their details for next time (never the health answers); solves the
// hub's proof-of-work challenge with WebCrypto; checks in at a poster checkpoint; registers the service worker (/sw.js)
// that lets the page open without network at the door.
(function () {
  'use strict';
  var KEY = 'kbyt-declaration', PERSON = 'kbyt-person', OFFSET = 'kbyt-clock-offset';
  var PERSON_FIELDS = ['fullName', 'birthYear', 'idKind', 'idNumber', 'phone'];
  var FIELDS = PERSON_FIELDS.concat(['symptoms', 'contact', 'travel']);
  var body = document.body;
  var $ = function (id) { return document.getElementById(id); };
  var form, checkpointId = body.getAttribute('data-checkpoint') || '';
  var RESULTS = {
    clear: ['Bình thường', 'Clear'],
    'medical-check': ['Cần kiểm tra y tế', 'Needs a medical check'],
    isolate: ['Phải cách ly', 'Must isolate'],
  };
  function read(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function write(key, value) { try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) { /* private mode: nothing kept */ } }
  function readJson(key) { try { return JSON.parse(read(key) || 'null'); } catch (e) { return null; } }
  // A copy served by the service worker without network carries data-offline: its data-hub-now is old, so the clock
  // offset kept from the last visit with network is used instead.
  var servedOffline = body.hasAttribute('data-offline');
  var clockOffset = servedOffline ? Number(read(OFFSET)) || 0 : Number(body.getAttribute('data-hub-now')) - Date.now();
  if (!servedOffline) write(OFFSET, String(clockOffset));

  function both(vi, en) { return vi + ' / ' + en; }
  // Vietnamese, then the English line under it (as everywhere on the page).
  function say(el, vi, en) {
    el.textContent = vi;
    var span = document.createElement('span');
    span.className = 'en';
    span.textContent = en;
    el.appendChild(span);
  }
  function stored() {
    var d = readJson(KEY);
    return d && d.expiresAt > Date.now() + clockOffset ? d : null;
  }
  // "HH:MM DD/MM/YYYY" in the hub's time zone (data-time-zone), as the admin web shows times; the phone's own zone
  // only if the browser cannot format in that zone.
  var timeZone = body.getAttribute('data-time-zone') || undefined;
  function fmt(ms) {
    var p = function (n) { return (n < 10 ? '0' : '') + n; };
    try {
      var parts = {};
      new Intl.DateTimeFormat('en-GB', { timeZone: timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
        .formatToParts(ms).forEach(function (x) { parts[x.type] = x.value; });
      return parts.hour + ':' + parts.minute + ' ' + parts.day + '/' + parts.month + '/' + parts.year;
    } catch (e) {
      var d = new Date(ms);
      return p(d.getHours()) + ':' + p(d.getMinutes()) + ' ' + p(d.getDate()) + '/' + p(d.getMonth() + 1) + '/' + d.getFullYear();
    }
  }
  function isOffline() { return body.classList.contains('offline'); }
  function setOffline(off) { body.classList.toggle('offline', off); $('offline').hidden = !off; }

  function show(d, justIssued) {
    $('card-name').textContent = d.displayName;
    var r = RESULTS[d.result] || [d.result, d.result];
    say($('card-result'), r[0], r[1]);
    $('card-result').className = 'result ' + d.result;
    say($('card-expiry'), 'Hợp lệ đến ' + fmt(d.expiresAt), 'Valid until ' + fmt(d.expiresAt));
    $('card-guard').hidden = d.result !== 'medical-check';
    $('qr').src = d.qrPng;
    $('save').href = d.qrPng;
    $('mine').hidden = false;
    form.hidden = true;
    if (justIssued) { window.scrollTo(0, 0); $('card-title').focus({ preventScroll: true }); }
  }
  function prefill() {
    var p = readJson(PERSON);
    $('prefilled').hidden = !p;
    form.querySelector('.forget').hidden = !p && !read(KEY);
    if (!p) return;
    PERSON_FIELDS.forEach(function (f) { if (typeof p[f] === 'string') form.elements[f].value = p[f]; });
    idKindChanged();
  }
  function showForm() {
    $('mine').hidden = true;
    form.hidden = false;
    prefill();
    window.scrollTo(0, 0);
  }
  // Passport numbers start with letters: the numeric keyboard only for CCCD / CMND.
  function idKindChanged() {
    form.elements.idNumber.setAttribute('inputmode', form.elements.idKind.value === 'passport' ? 'text' : 'numeric');
  }
  function forget() {
    [KEY, PERSON, OFFSET].forEach(function (k) { write(k, null); });
    form.reset();
    idKindChanged();
    clearProblems();
    showForm();
    say($('problems'), 'Đã xóa dữ liệu trên máy này.', 'The data on this phone was deleted.');
  }

  // Problems: each beside its field (aria-describedby, aria-invalid), focus on the first; others in #problems.
  function controls(field) {
    var el = form.elements[field];
    return el && el.length && !el.options ? Array.prototype.slice.call(el) : el ? [el] : [];
  }
  function clearField(f) {
    $('e-' + f).hidden = true;
    controls(f).forEach(function (el) { el.removeAttribute('aria-invalid'); el.removeAttribute('aria-describedby'); });
  }
  function clearProblems() {
    $('problems').textContent = '';
    FIELDS.forEach(clearField);
  }
  function problems(list) {
    clearProblems();
    var first = null;
    list.forEach(function (p) {
      var slot = FIELDS.indexOf(p.field) >= 0 && $('e-' + p.field);
      if (!slot) { var line = document.createElement('p'); say(line, p.vi, p.en); $('problems').appendChild(line); return; }
      say(slot, p.vi, p.en);
      slot.hidden = false;
      controls(p.field).forEach(function (el) { el.setAttribute('aria-invalid', 'true'); el.setAttribute('aria-describedby', slot.id); });
    });
    FIELDS.some(function (f) { return !$('e-' + f).hidden && (first = controls(f)[0]); });
    if (first) first.focus();
  }
  // The phone's own check (required, pattern) before anything is sent; the hub checks everything again.
  function localProblems() {
    return FIELDS.filter(function (f) {
      var el = form.elements[f];
      return el.checkValidity ? !el.checkValidity() : el.value === '';
    }).map(function (f) { var s = $('e-' + f); return { field: f, vi: s.getAttribute('data-vi'), en: s.getAttribute('data-en') }; });
  }

  // The QR is drawn on the phone by the qrcode library (/qrcode.js, loaded on first need) and kept as a PNG.
  var qrLibrary;
  function loadQrLibrary() {
    qrLibrary = qrLibrary || new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = body.getAttribute('data-qr-src');
      script.onload = function () { resolve(window.QRCodeLite); };
      script.onerror = function (e) { qrLibrary = null; reject(e); };
      document.head.appendChild(script);
    });
    return qrLibrary;
  }
  function toHex(buf) {
    return Array.prototype.map.call(new Uint8Array(buf), function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }
  function zeroBits(buf) {
    var bytes = new Uint8Array(buf), bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { bits += 8; continue; }
      return bits + Math.clz32(bytes[i]) - 24;
    }
    return bits;
  }
  // Hashcash: the first nonce whose SHA-256(challenge ":" nonce) starts with `bits` zero bits.
  async function solve(challenge, bits) {
    var enc = new TextEncoder();
    for (var n = 0; ; n++) {
      var digest = await crypto.subtle.digest('SHA-256', enc.encode(challenge + ':' + n));
      if (zeroBits(digest) >= bits) return String(n);
    }
  }
  async function postJson(path, data) {
    var res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
    return { status: res.status, body: await res.json() };
  }
  var NO_NETWORK = { vi: 'Không gửi được: kiểm tra kết nối mạng rồi thử lại.', en: 'Could not send: check the network and try again.' };
  async function submit(event) {
    event.preventDefault();
    var local = localProblems();
    if (local.length) { problems(local); return; }
    if (isOffline()) { problems([NO_NETWORK]); return; }
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    problems([{ vi: 'Đang gửi…', en: 'Sending…' }]);
    try {
      var data = {};
      new FormData(form).forEach(function (v, k) { data[k] = v; });
      var ch = await (await fetch('/api/challenge', { cache: 'no-store' })).json();
      data.challenge = ch.challenge;
      data.nonce = await solve(ch.challenge, ch.bits);
      var answer = await postJson('/api/declarations', data);
      if (answer.status !== 200) { problems(answer.body.problems || [{ vi: 'Lỗi máy chủ. Hãy thử lại.', en: 'Server error. Try again.' }]); return; }
      var mine = answer.body;
      mine.qrPng = await (await loadQrLibrary()).toDataURL(mine.token, { errorCorrectionLevel: 'M', margin: 4, scale: 5 });
      write(KEY, JSON.stringify({ token: mine.token, qrPng: mine.qrPng, displayName: mine.displayName, result: mine.result, expiresAt: mine.expiresAt }));
      var person = {};
      PERSON_FIELDS.forEach(function (f) { person[f] = data[f]; });
      write(PERSON, $('remember').checked ? JSON.stringify(person) : null);
      ['symptoms', 'contact', 'travel'].forEach(function (q) { controls(q).forEach(function (el) { el.checked = false; }); });
      clearProblems();
      show(mine, true);
    } catch (e) {
      problems([NO_NETWORK]);
    } finally {
      button.disabled = false;
    }
  }
  // Offline: the QR instead (the terminal verifies it without network).
  function offerQr(status) {
    say(status, 'Không có mạng: đưa mã QR này cho bảo vệ quét.', 'No network: show this QR code to the guard to scan.');
    status.className = 'err';
    $('card').scrollIntoView({ block: 'start' });
  }
  async function checkIn() {
    var d = stored();
    var status = $('checkin-status');
    if (!d) { showForm(); return; }
    if (isOffline()) { offerQr(status); return; }
    say(status, 'Đang check-in…', 'Checking in…');
    status.className = '';
    var nonce = toHex(crypto.getRandomValues(new Uint8Array(16)));
    try {
      var answer = await postJson('/api/checkins', { token: d.token, checkpointId: checkpointId, nonce: nonce, timestamp: Date.now() + clockOffset });
      var a = answer.body;
      if (answer.status !== 200) { say(status, a.vi || 'Không check-in được.', a.en || 'Check-in failed.'); status.className = 'err'; return; }
      var done = ['Đã check-in tại ' + a.checkpointName + ' lúc ' + fmt(a.checkedInAt) + '.', 'Checked in at ' + a.checkpointName + '.'];
      // A result that needs the guard says so in the guard screen's words (the hub sends them: core's SEE_GUARD_TEXT).
      if (a.seeGuard) say(status, done[0] + ' ' + a.seeGuard.vi, done[1] + ' ' + a.seeGuard.en);
      else say(status, done[0], done[1]);
      status.className = a.seeGuard ? 'guard' : 'ok';
    } catch (e) {
      setOffline(true);
      offerQr(status);
    }
  }
  function keepForOffline() {
    if (!('serviceWorker' in navigator) || servedOffline) return;
    navigator.serviceWorker.register(body.getAttribute('data-sw')).then(function () { return navigator.serviceWorker.ready; }).then(function (reg) {
      if (reg.active) reg.active.postMessage({ keep: location.pathname });
    }).catch(function () { /* no service worker: the page still works with network */ });
  }

  // Opened again (at the door, maybe offline), the page starts at the top: the card, not where the form was left.
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  document.addEventListener('DOMContentLoaded', function () {
    form = $('form');
    form.addEventListener('submit', submit);
    form.elements.idKind.addEventListener('change', idKindChanged);
    // "No to all three": one tap for the person with nothing to declare (the questions stay visible and changeable).
    $('none').addEventListener('click', function () {
      ['symptoms', 'contact', 'travel'].forEach(function (q) {
        form.querySelector('input[name=' + q + '][value=no]').checked = true;
        clearField(q);
      });
      // The next tap is Submit: bring it under the thumb (no swipe between the two taps).
      form.querySelector('button[type=submit]').scrollIntoView({ block: 'end' });
    });
    // A field's problem goes away once it is answered or typed validly (the hub checks everything again on Submit).
    // On 'input', while typing: clearing on 'change' (on blur) would move the page under the finger tapping the next field.
    form.addEventListener('input', function (event) {
      var f = event.target.name;
      if (FIELDS.indexOf(f) >= 0 && (event.target.type === 'radio' || event.target.checkValidity())) clearField(f);
    });
    $('again').addEventListener('click', showForm);
    $('print').addEventListener('click', function () { window.print(); });
    Array.prototype.forEach.call(document.querySelectorAll('.forget'), function (b) { b.addEventListener('click', forget); });
    if ($('checkin')) $('checkin').addEventListener('click', checkIn);
    setOffline(servedOffline || navigator.onLine === false);
    window.addEventListener('offline', function () { setOffline(true); });
    window.addEventListener('online', function () { setOffline(false); });
    var d = stored();
    if (d) show(d, false); else prefill();
    window.addEventListener('load', keepForOffline);
  });
})();
