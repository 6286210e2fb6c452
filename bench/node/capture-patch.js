#!/usr/bin/env node
'use strict';
// Captures one real evaluation.patch from a feed, for bench/run-feed.sh: the Node reference server
// is then given these exact bytes (broadcast.js --patch), so both servers send the same messages.
//
//   node capture-patch.js --ws ws://127.0.0.1:PORT/ws?lang=en&evaluation=patch --out patch.json
//                         --post http://127.0.0.1:PORT/path [--post ...] [--actor user_md_anna]
//                         [--timeout-ms 10000]
//
// Connects, waits for the first whole evaluation, then makes the POSTs one after another (each with
// X-Actor-Id when --actor is given; each must answer 200). The "patch" array of the first
// evaluation.patch message is written to --out, byte for byte as the server sent it. Prints one line
// describing it. Exits 1 with a message if no evaluation.patch arrives within --timeout-ms of the
// first evaluation (or the socket or a POST fails), 2 on bad arguments.

const fs = require('fs');
const http = require('http');
const { WebSocket } = require('ws');

function option(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

function options(name) {
  const out = [];
  process.argv.forEach((arg, i) => {
    if (arg === '--' + name && i + 1 < process.argv.length) {
      out.push(process.argv[i + 1]);
    }
  });
  return out;
}

const wsUrl = option('ws');
const out = option('out');
const posts = options('post');
const actor = option('actor');
const timeoutMs = Number(option('timeout-ms', '10000'));
if (!wsUrl || !out || posts.length === 0) {
  console.error('usage: node capture-patch.js --ws URL --out FILE --post URL [--post URL ...] [--actor ID]');
  process.exit(2);
}

function fail(message) {
  console.error('capture-patch: ' + message);
  process.exit(1);
}

function post(url) {
  return new Promise((resolve, reject) => {
    const headers = actor ? { 'X-Actor-Id': actor } : {};
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => (res.statusCode === 200
        ? resolve(body) : reject(new Error('POST ' + url + ' answered ' + res.statusCode + ': ' + body))));
    });
    req.on('error', reject);
    req.end();
  });
}

// The patch array as sent: the text after "patch": up to the message's closing brace, when the
// message ends with it (as the console's does); otherwise JSON.stringify of the parsed array.
function patchBytes(text, message) {
  const key = '"patch":';
  const at = text.lastIndexOf(key);
  if (at >= 0 && text.endsWith('}')) {
    const raw = text.slice(at + key.length, -1);
    try {
      if (JSON.stringify(JSON.parse(raw)) === JSON.stringify(message.patch)) {
        return { bytes: raw, exact: true };
      }
    } catch (e) {
      // not the array alone: fall through
    }
  }
  return { bytes: JSON.stringify(message.patch), exact: false };
}

const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
let lastEvaluationSeq = null;
let started = false;
let captured = null;
let postsDone = false;
let timer = setTimeout(() => fail('no connection or no first evaluation from ' + wsUrl + ' within '
  + timeoutMs + ' ms'), timeoutMs);

function finishIfDone() {
  if (captured && postsDone) {
    ws.terminate();
    process.exit(0);
  }
}

ws.on('error', (e) => fail('WebSocket ' + wsUrl + ': ' + e.message));
ws.on('unexpected-response', (req, res) => fail('WebSocket ' + wsUrl + ' refused with HTTP ' + res.statusCode));
ws.on('close', (code) => { if (!captured) fail('WebSocket closed (' + code + ') before an evaluation.patch arrived'); });
ws.on('message', (data) => {
  const text = data.toString('utf8');
  let message;
  try {
    message = JSON.parse(text);
  } catch (e) {
    fail('not JSON: ' + text.slice(0, 120));
  }
  if (message.type === 'evaluation.patch' && !captured) {
    if (!Array.isArray(message.patch) || message.patch.length === 0) {
      fail('evaluation.patch without a non-empty patch array: ' + text.slice(0, 200));
    }
    if (message.base !== lastEvaluationSeq) {
      fail('evaluation.patch base ' + message.base + ' is not the seq of the last evaluation received ('
        + lastEvaluationSeq + ')');
    }
    const { bytes, exact } = patchBytes(text, message);
    fs.writeFileSync(out, bytes);
    captured = message;
    console.log('evaluation.patch seq ' + message.seq + ' base ' + message.base + ': ' + message.patch.length
      + ' ops, message ' + Buffer.byteLength(text) + ' B, patch ' + Buffer.byteLength(bytes) + ' B'
      + (exact ? '' : ' (re-serialised: the patch was not the last member)'));
    finishIfDone();
  }
  if (message.type === 'evaluation' && !started) {
    started = true;
    clearTimeout(timer);
    timer = setTimeout(() => fail((captured ? 'the POSTs did not finish' : 'no evaluation.patch arrived')
      + ' within ' + timeoutMs + ' ms of the first evaluation (seq ' + message.seq + ') and POST ' + posts.join(', ')
      + (captured ? '' : '; does ' + wsUrl + ' support evaluation=patch?')), timeoutMs);
    (async () => {
      for (const url of posts) {
        await post(url);
      }
      postsDone = true;
      finishIfDone();
    })().catch((e) => fail(e.message));
  }
  if (message.type === 'evaluation' || message.type === 'evaluation.patch') {
    lastEvaluationSeq = message.seq;
  }
});
