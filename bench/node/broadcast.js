#!/usr/bin/env node
'use strict';
// Reference broadcast server for bench/run-feed.sh: the npm `ws` package doing what the console's
// FeedHub does, with the same bytes, so the two fan-outs can be compared side by side.
//
//   node broadcast.js --payload evaluation.json [--audit audit-event.json] [--patch patch.json]
//                     [--port 0] [--host 127.0.0.1] [--cap 262144] [--frame-once]
//
// GET /ws[?evaluation=whole|patch]
//                          IntegrationFeed.v1-shaped feed: {"type":"hello",...} then the evaluation;
//                          any other evaluation= value is refused with 400, as the console does
// POST /change             seq+1, answers {"changed":true,"seq":N}, then broadcasts to every client
//                          {"type":"evaluation","seq":N,"evaluation":<payload bytes>} and, when --audit
//                          is given, {"type":"audit","event":<audit bytes>} (the console sends both)
// GET /health              {"status":"UP","seq":N,"clients":C}
//
// Patch mode (--patch FILE, a JSON Patch array captured from the console's feed): a client that
// connected with evaluation=patch and was last sent seq N-1 gets, for change N,
// {"type":"evaluation.patch","seq":N,"base":N-1,"patch":<file bytes>} instead of the whole
// evaluation, as the console's FeedHub decides (also when it drains right after missing only N).
// Every other send is the whole evaluation: on connect, to clients without evaluation=patch, and to
// a patch client that missed an evaluation (it has nothing to apply the patch to). Each message is
// built once per change and the same Buffer (or, with --frame-once, frame) goes to every client it
// is meant for.
//
// Slow consumers, the same rule as the console: a client whose buffered (not yet written to the
// kernel) bytes exceed --cap (256 KB, the console's writeQueueBytes) is skipped and marked behind;
// when its socket drains it gets the latest evaluation. Audit messages are not sent to a full client.
// permessage-deflate is off (the console's is off too). Prints "node broadcast server listening on PORT".

const http = require('http');
const fs = require('fs');
const { WebSocketServer, WebSocket } = require('ws');

function option(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const host = option('host', '127.0.0.1');
const port = Number(option('port', '0'));
const cap = Number(option('cap', String(256 * 1024)));
const frameOnce = process.argv.includes('--frame-once');
const payloadFile = option('payload');
if (!payloadFile) {
  console.error('usage: node broadcast.js --payload evaluation.json [--audit event.json] [--port 0]');
  process.exit(2);
}
const payload = fs.readFileSync(payloadFile);
const patchFile = option('patch');
const patchBytes = patchFile ? fs.readFileSync(patchFile) : null;
const auditFile = option('audit');
const auditMessage = auditFile
  ? Buffer.concat([Buffer.from('{"type":"audit","event":'), fs.readFileSync(auditFile), Buffer.from('}')])
  : null;

let seq = 0;
// the messages for the current seq: {data, frame}; patch is null at seq 0 and without --patch
let evaluation = prepare(buildEvaluation(seq));
let patch = null;
const clients = new Set();

function buildEvaluation(s) {
  return Buffer.concat([Buffer.from('{"type":"evaluation","seq":' + s + ',"evaluation":'), payload, Buffer.from('}')]);
}

function buildPatch(s) {
  return Buffer.concat([Buffer.from('{"type":"evaluation.patch","seq":' + s + ',"base":' + (s - 1) + ',"patch":'),
    patchBytes, Buffer.from('}')]);
}

function prepare(data) {
  return { data, frame: frameOnce ? prepareFrame(data) : null };
}

// --frame-once: the WebSocket frame (header + payload) is built once per change and its buffers are
// written to every socket, bypassing ws's per-send framing (valid because nothing is compressed).
function prepareFrame(data) {
  return WebSocket.Sender.frame(data, { fin: true, rsv1: false, opcode: 1, mask: false, readOnly: true });
}

function sendEvaluation(client) {
  if (client.ws.readyState !== WebSocket.OPEN || client.lastSeq >= seq) {
    return;
  }
  // a new client's lastSeq is -1, which is seq - 1 only at seq 0, where there is no patch
  const message = patch && client.wantsPatch && client.lastSeq === seq - 1 ? patch : evaluation;
  client.lastSeq = seq;
  if (message.frame) {
    const socket = client.ws._socket;
    socket.cork();
    for (const part of message.frame) {
      socket.write(part);
    }
    socket.uncork();
  } else {
    client.ws.send(message.data, { binary: false, compress: false, fin: true });
  }
}

function full(client) {
  return client.ws.bufferedAmount > cap;
}

// The console's order: the audit line to every subscriber first (the contract puts what changed
// before the evaluation it led to), then the evaluation or patch.
function broadcast() {
  if (auditMessage) {
    for (const client of clients) {
      if (!full(client) && client.ws.readyState === WebSocket.OPEN) {
        client.ws.send(auditMessage, { binary: false, compress: false, fin: true });
      }
    }
  }
  for (const client of clients) {
    if (full(client)) {
      client.behind = true;
      continue;
    }
    sendEvaluation(client);
  }
}

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/change') {
    req.resume();
    req.on('end', () => {
      seq += 1;
      evaluation = prepare(buildEvaluation(seq));
      patch = patchBytes ? prepare(buildPatch(seq)) : null;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ changed: true, seq }));
      broadcast();
    });
    return;
  }
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ status: 'UP', seq, clients: clients.size }));
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
  res.end('{"error":"NOT_FOUND"}');
});

const wss = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  clientTracking: false,
  maxPayload: 16 * 1024,
});

server.on('upgrade', (req, socket, head) => {
  if (!req.url.startsWith('/ws')) {
    socket.destroy();
    return;
  }
  const mode = new URL(req.url, 'http://localhost').searchParams.get('evaluation') ?? 'whole';
  if (mode !== 'whole' && mode !== 'patch') {
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 26\r\n'
      + 'Connection: close\r\n\r\n{"error":"BAD_EVALUATION"}');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    const client = { ws, lastSeq: -1, behind: false, wantsPatch: mode === 'patch' };
    clients.add(client);
    ws.on('close', () => clients.delete(client));
    ws.on('error', () => clients.delete(client));
    ws._socket.on('drain', () => {
      if (client.behind && !full(client)) {
        client.behind = false;
        sendEvaluation(client);
      }
    });
    ws.send('{"type":"hello","protocol":"IntegrationFeed.v1","seq":' + seq + '}');
    sendEvaluation(client);
  });
});

server.listen(port, host, 4096, () => {
  console.log('node broadcast server listening on ' + server.address().port
    + ' (ws ' + require('ws/package.json').version + ', node ' + process.version
    + ', payload ' + payload.length + ' B' + (patchBytes ? ', patch ' + patchBytes.length + ' B' : '') + ', cap ' + cap + ' B' + (frameOnce ? ', frame-once' : '') + ')');
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}
