// The declaration page's only script (served as /declare.js; no framework). Stores the person's token on the phone
// (localStorage), solves the hub's proof-of-work challenge with WebCrypto, and checks in at a poster checkpoint.
(function () {
  'use strict';
  var KEY = 'kbyt-declaration';
  var body = document.body;
  var checkpointId = body.getAttribute('data-checkpoint') || '';
  var clockOffset = Number(body.getAttribute('data-hub-now')) - Date.now();
  var $ = function (id) { return document.getElementById(id); };
  var RESULTS = {
    clear: ['Bình thường', 'Clear'],
    'medical-check': ['Cần kiểm tra y tế', 'Needs a medical check'],
    isolate: ['Phải cách ly', 'Must isolate'],
  };

  function both(vi, en) { return vi + ' / ' + en; }
  function stored() {
    try {
      var d = JSON.parse(localStorage.getItem(KEY) || 'null');
      return d && d.expiresAt > Date.now() + clockOffset ? d : null;
    } catch (e) { return null; }
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
  function show(d) {
    $('card-name').textContent = d.displayName;
    var r = RESULTS[d.result] || [d.result, d.result];
    $('card-result').textContent = both(r[0], r[1]);
    $('card-result').className = 'result ' + d.result;
    $('qr').src = d.qrPng;
    $('save').href = d.qrPng;
    $('card-expiry').textContent = both('Hết hạn ' + fmt(d.expiresAt), 'Expires ' + fmt(d.expiresAt));
    $('mine').hidden = false;
    $('form').hidden = true;
  }
  // The QR is drawn on the phone by the qrcode library (/qrcode.js, loaded on first need) and kept as a PNG.
  var qrLibrary;
  function loadQrLibrary() {
    qrLibrary = qrLibrary || new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = body.getAttribute('data-qr-src');
      script.onload = function () { resolve(window.QRCodeLite); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return qrLibrary;
  }
  async function qrPng(token) {
    var lib = await loadQrLibrary();
    return lib.toDataURL(token, { errorCorrectionLevel: 'M', margin: 4, scale: 5 });
  }
  function showForm() { $('mine').hidden = true; $('form').hidden = false; }
  function problems(list) {
    var box = $('problems');
    box.textContent = '';
    list.forEach(function (p) {
      var line = document.createElement('p');
      line.textContent = both(p.vi, p.en);
      box.appendChild(line);
    });
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
  async function submit(event) {
    event.preventDefault();
    var button = $('form').querySelector('button[type=submit]');
    button.disabled = true;
    problems([{ vi: 'Đang gửi…', en: 'Sending…' }]);
    try {
      var data = {};
      new FormData($('form')).forEach(function (v, k) { data[k] = v; });
      var ch = await (await fetch('/api/challenge', { cache: 'no-store' })).json();
      data.challenge = ch.challenge;
      data.nonce = await solve(ch.challenge, ch.bits);
      var answer = await postJson('/api/declarations', data);
      if (answer.status !== 200) { problems(answer.body.problems || [{ vi: 'Lỗi máy chủ.', en: 'Server error.' }]); return; }
      var mine = answer.body;
      mine.qrPng = await qrPng(mine.token);
      localStorage.setItem(KEY, JSON.stringify(mine));
      problems([]);
      show(mine);
    } catch (e) {
      problems([{ vi: 'Không gửi được: kiểm tra kết nối mạng rồi thử lại.', en: 'Could not send: check the network and try again.' }]);
    } finally {
      button.disabled = false;
    }
  }
  async function checkIn() {
    var d = stored();
    var status = $('checkin-status');
    if (!d) { showForm(); return; }
    status.textContent = both('Đang check-in…', 'Checking in…');
    var nonce = toHex(crypto.getRandomValues(new Uint8Array(16)));
    try {
      var answer = await postJson('/api/checkins', { token: d.token, checkpointId: checkpointId, nonce: nonce, timestamp: Date.now() + clockOffset });
      status.textContent = answer.status === 200
        ? both('Đã check-in tại ' + answer.body.checkpointName + ' lúc ' + fmt(answer.body.checkedInAt), 'Checked in at ' + answer.body.checkpointName)
        : both(answer.body.vi || 'Không check-in được.', answer.body.en || 'Check-in failed.');
      status.className = answer.status === 200 ? 'ok' : 'err';
    } catch (e) {
      status.textContent = both('Không có mạng: đưa mã QR này cho bảo vệ quét.', 'No network: show this QR code to the guard to scan.');
      status.className = 'err';
    }
  }
  document.addEventListener('DOMContentLoaded', function () {
    $('form').addEventListener('submit', submit);
    $('again').addEventListener('click', showForm);
    $('print').addEventListener('click', function () { window.print(); });
    if ($('checkin')) $('checkin').addEventListener('click', checkIn);
    var d = stored();
    if (d) show(d);
  });
})();
