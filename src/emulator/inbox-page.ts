/**
 * The inbox page served at `/`: one HTML file with inline CSS and JS, no build step. It polls
 * `GET /_emulator/state` and renders every conversation like a chat (the virtual user's messages on
 * the right, the bot's on the left), a composer to act as the selected user, and the logs of webhook
 * deliveries and REST requests. All text is inserted with `textContent` (never as HTML), and only
 * http(s) URLs become links or image sources, since the bot's messages are untrusted input.
 */
export const INBOX_HTML = /* html */ `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LINE Business Connect emulator</title>
<style>
  :root { --green: #06c755; --bg: #8cabd9; --panel: #fff; --line: #e3e6ea; --muted: #6b7280; --bad: #d93025; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 14px; }
  * { box-sizing: border-box; }
  body { margin: 0; height: 100vh; display: grid; grid-template-rows: auto 1fr; background: #f3f4f6; color: #111; }
  header { display: flex; gap: 16px; align-items: center; padding: 8px 16px; background: #1f2937; color: #fff; flex-wrap: wrap; }
  header h1 { font-size: 16px; margin: 0; }
  header .meta { color: #cbd5e1; font-size: 12px; }
  header form { margin-left: auto; display: flex; gap: 6px; align-items: center; }
  header input { width: 320px; padding: 4px 6px; border-radius: 4px; border: 1px solid #475569; background: #111827; color: #fff; }
  button { cursor: pointer; border: 1px solid #cbd5e1; background: #fff; border-radius: 6px; padding: 4px 10px; font: inherit; }
  button.primary { background: var(--green); border-color: var(--green); color: #fff; font-weight: 600; }
  button.danger { color: var(--bad); border-color: #f3b4ae; }
  main { display: grid; grid-template-columns: 240px minmax(360px, 1fr) 420px; min-height: 0; }
  #chats { background: var(--panel); border-right: 1px solid var(--line); overflow-y: auto; display: flex; flex-direction: column; }
  #chat-list { flex: 1; }
  #new-chat { padding: 10px 12px; border-top: 1px solid var(--line); display: grid; gap: 6px; font-size: 12px; }
  #new-chat input[type=text] { padding: 4px 6px; border: 1px solid #cbd5e1; border-radius: 4px; font: inherit; }
  #new-chat .members { display: flex; flex-wrap: wrap; gap: 4px 10px; }
  #new-chat .buttons { display: flex; gap: 6px; }
  #sender-row { display: none; gap: 6px; align-items: center; font-size: 12px; }
  #sender-row.shown { display: flex; }
  .chat-item { display: flex; gap: 10px; align-items: center; padding: 10px 12px; border-bottom: 1px solid var(--line); cursor: pointer; }
  .chat-item.selected { background: #e8f8ee; }
  .chat-item img, .avatar { width: 36px; height: 36px; border-radius: 50%; flex: none; }
  .chat-item .name { font-weight: 600; }
  .chat-item .sub { color: var(--muted); font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 160px; }
  .badge { font-size: 11px; padding: 0 6px; border-radius: 8px; background: #e5e7eb; color: #374151; margin-left: 4px; }
  .badge.blocked { background: #fde2e1; color: var(--bad); }
  #conversation { display: grid; grid-template-rows: auto 1fr auto; min-height: 0; background: var(--bg); }
  #conv-head { background: #fff; padding: 8px 12px; display: flex; gap: 8px; align-items: center; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
  #conv-head .title { font-weight: 700; margin-right: auto; }
  #messages { overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; }
  .row { display: flex; gap: 8px; align-items: flex-end; }
  .row.user { flex-direction: row-reverse; }
  .bubble { max-width: 70%; background: #fff; border-radius: 16px; padding: 8px 12px; white-space: pre-wrap; word-break: break-word; box-shadow: 0 1px 1px rgba(0,0,0,.08); }
  .row.user .bubble { background: #a5e887; }
  .bubble.plain { background: transparent !important; box-shadow: none; padding: 0; }
  .stamp { font-size: 10px; color: #1f2937; opacity: .75; white-space: nowrap; }
  .stamp.bad { color: var(--bad); opacity: 1; font-weight: 600; }
  .system { align-self: center; background: rgba(0,0,0,.25); color: #fff; border-radius: 12px; padding: 2px 10px; font-size: 12px; }
  .media { width: 200px; max-width: 240px; height: auto; border-radius: 10px; display: block; background: #ddd; }
  button:disabled { opacity: .45; cursor: default; }
  .placeholder { width: 240px; height: 150px; border-radius: 10px; display: flex; align-items: center; justify-content: center; text-align: center; background: repeating-linear-gradient(45deg,#dfe7f3,#dfe7f3 10px,#edf2f9 10px,#edf2f9 20px); color: #334155; font-size: 12px; padding: 8px; word-break: break-all; }
  .sticker { font-size: 56px; line-height: 1; text-align: center; }
  .icon { display: inline-flex; vertical-align: middle; }
  .sticker small { display: block; font-size: 11px; color: #334155; }
  .card { background: #fff; border-radius: 12px; overflow: hidden; width: 260px; box-shadow: 0 1px 2px rgba(0,0,0,.12); }
  .card .body { padding: 8px 10px; }
  .card .title { font-weight: 700; }
  .card .sub { color: var(--muted); font-size: 12px; }
  .card a { display: block; padding: 8px 10px; border-top: 1px solid var(--line); text-align: center; color: #2563eb; text-decoration: none; }
  .map { height: 90px; background: linear-gradient(135deg,#cfe8cf,#b6d7f0); display: flex; align-items: center; justify-content: center; font-size: 32px; }
  .rich { position: relative; width: 300px; background: #cbd5e1 center/cover no-repeat; border-radius: 10px; overflow: hidden; }
  .rich .area { position: absolute; border: 2px dashed rgba(220,38,38,.9); background: rgba(255,255,255,.18); color: #111; font-size: 11px; display: flex; align-items: center; justify-content: center; text-align: center; cursor: pointer; padding: 2px; }
  .rich .area:hover { background: rgba(255,255,255,.5); }
  .rich .alt { position: absolute; left: 6px; top: 6px; font-size: 11px; background: rgba(0,0,0,.55); color: #fff; border-radius: 6px; padding: 1px 6px; }
  #composer { background: #fff; border-top: 1px solid var(--line); padding: 8px; display: grid; gap: 6px; }
  #composer form { display: flex; gap: 6px; }
  #composer input[type=text] { flex: 1; padding: 8px 10px; border-radius: 18px; border: 1px solid #cbd5e1; font: inherit; }
  #composer .kinds { display: flex; gap: 4px; flex-wrap: wrap; }
  #composer .kinds button { font-size: 12px; padding: 2px 8px; }
  #side { background: var(--panel); border-left: 1px solid var(--line); overflow-y: auto; padding: 8px 12px; }
  #side h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 12px 0 6px; }
  table { width: 100%; border-collapse: collapse; font-size: 12px; }
  td, th { text-align: left; padding: 3px 4px; border-bottom: 1px solid var(--line); vertical-align: top; }
  .ok { color: #047857; font-weight: 600; }
  .warn { color: #b45309; font-size: 12px; }
  .fail { color: var(--bad); font-weight: 600; }
  .muted { color: var(--muted); }
  #toast { position: fixed; bottom: 12px; left: 50%; transform: translateX(-50%); background: #111827; color: #fff; padding: 6px 12px; border-radius: 8px; display: none; }
</style>
</head>
<body>
<header>
  <h1>LINE Business Connect emulator</h1>
  <span class="meta" id="channel"></span>
  <form id="webhook-form">
    <label for="webhook-url" class="meta">Bot webhook</label>
    <input id="webhook-url" placeholder="http://127.0.0.1:3000/callback">
    <button type="submit">Save</button>
  </form>
</header>
<main>
  <nav id="chats" aria-label="Conversations">
    <div id="chat-list"></div>
    <form id="new-chat" aria-label="New group or room">
      <b>New group or room with the bot</b>
      <input id="new-chat-name" type="text" placeholder="Name (optional)" maxlength="100">
      <div class="members" id="new-chat-members"></div>
      <div class="buttons">
        <button type="submit" id="new-group" data-kind="group">Create group</button>
        <button type="submit" id="new-room" data-kind="room">Create room</button>
      </div>
    </form>
  </nav>
  <section id="conversation">
    <div id="conv-head">
      <span class="title" id="conv-title">Select a conversation</span>
      <button id="add-as-friend" type="button">Add as friend</button>
      <button id="block" type="button" class="danger">Block</button>
      <button id="invite-group" type="button">Invite to group</button>
      <button id="add-to-room" type="button">Add to room</button>
      <button id="invite-back" type="button">Invite the bot back</button>
    </div>
    <div id="messages" aria-live="polite"></div>
    <div id="composer">
      <label id="sender-row">Send as <select id="sender"></select></label>
      <form id="composer-form">
        <input id="composer-input" type="text" placeholder="Message as the selected user" autocomplete="off">
        <button id="send" class="primary" type="submit">Send</button>
      </form>
      <div class="kinds">
        <button type="button" data-kind="sticker">Sticker</button>
        <button type="button" data-kind="image">Image</button>
        <button type="button" data-kind="video">Video</button>
        <button type="button" data-kind="audio">Audio</button>
        <button type="button" data-kind="location">Location</button>
        <button type="button" data-kind="contact">Contact</button>
      </div>
    </div>
  </section>
  <aside id="side">
    <h2>Webhook deliveries</h2>
    <table><thead><tr><th>#</th><th>events</th><th>status</th><th>latency</th><th></th></tr></thead><tbody id="deliveries"></tbody></table>
    <h2>Bot API requests</h2>
    <table><thead><tr><th>request</th><th>status</th></tr></thead><tbody id="requests"></tbody></table>
  </aside>
</main>
<div id="toast"></div>
<script>
(() => {
  'use strict';
  let state = null;
  let version = -1;
  let selected = null; // chat MID
  // Until the user picks a chat, the page follows the one with the latest activity, so it opens on
  // the conversation that just happened (npm start's demo) instead of an empty chat.
  let pickedByUser = false;
  let renderedKey = '';
  const $ = (id) => document.getElementById(id);

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = value;
      else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else if (key === 'style') el.setAttribute('style', value);
      else el.setAttribute(key, String(value));
    }
    for (const child of children.flat()) if (child !== undefined && child !== null && child !== false) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return el;
  }
  const safeUrl = (url) => { try { const u = new URL(String(url)); return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null; } catch { return null; } };
  const time = (ms) => new Date(ms).toLocaleTimeString();
  const userName = (mid) => (state && state.users.find((u) => u.mid === mid) || {}).displayName || mid;

  function toast(text) {
    const el = $('toast'); el.textContent = text; el.style.display = 'block';
    clearTimeout(toast.timer); toast.timer = setTimeout(() => { el.style.display = 'none'; }, 4000);
  }

  async function api(method, path, body) {
    const response = await fetch('/_emulator' + path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body === undefined ? {} : body) });
    if (!response.ok) {
      const text = await response.text();
      let message = text; try { message = JSON.parse(text).error || text; } catch {}
      toast(message);
      throw new Error(message);
    }
    poll();
    return response.status === 204 ? null : response.json();
  }

  function image(src, alt) {
    const url = safeUrl(src) || (String(src).startsWith('/_emulator/') ? src : null);
    const fallback = () => h('div', { class: 'placeholder', text: alt + (src ? '\\n' + src : '') });
    if (!url) return fallback();
    const img = h('img', { class: 'media', src: url, alt });
    img.addEventListener('error', () => img.replaceWith(fallback()));
    return img;
  }

  function sticker(meta) {
    return h('div', { class: 'sticker', title: 'sticker' }, icon('sticker'), h('small', { text: 'sticker ' + (meta.STKPKGID || '?') + '/' + (meta.STKID || '?') + (meta.STKTXT ? ' ' + meta.STKTXT : '') }));
  }

  function location(content) {
    const loc = content.location || {};
    const link = 'https://www.openstreetmap.org/?mlat=' + encodeURIComponent(loc.latitude) + '&mlon=' + encodeURIComponent(loc.longitude);
    return h('div', { class: 'card' }, h('div', { class: 'map' }, icon('pin')),
      h('div', { class: 'body' }, h('div', { class: 'title', text: loc.title || content.text || 'Location' }),
        h('div', { class: 'sub', text: (loc.address || '') }), h('div', { class: 'sub', text: loc.latitude + ', ' + loc.longitude })),
      h('a', { href: link, target: '_blank', rel: 'noopener noreferrer', text: 'Open map' }));
  }

  function rich(meta) {
    let markup = null;
    try { markup = JSON.parse(meta.MARKUP_JSON); } catch {}
    const canvas = (markup && markup.canvas) || { width: 1040, height: 1040 };
    const width = canvas.width || 1040; const height = canvas.height || 1040;
    const base = safeUrl(meta.DOWNLOAD_URL);
    const box = h('div', { class: 'rich', 'data-testid': 'rich', style: 'aspect-ratio: ' + width + ' / ' + height, title: meta.ALT_TEXT || '' });
    if (base) {
      const probe = new Image();
      probe.onload = () => { box.style.backgroundImage = 'url("' + probe.src.replace(/"/g, '%22') + '")'; };
      probe.src = base + '/1040';
    }
    box.append(h('span', { class: 'alt', text: meta.ALT_TEXT || 'rich message' }));
    const scene = markup && markup.scenes && markup.scenes[canvas.initialScene || 'scene1'];
    for (const listener of (scene && scene.listeners) || []) {
      const [x, y, w, hgt] = listener.params || [];
      const action = (markup.actions || {})[listener.action] || {};
      const label = action.text || (action.params && (action.params.text || action.params.linkUri)) || listener.action;
      const area = h('div', { class: 'area', 'data-testid': 'rich-area', title: action.type + ': ' + label, text: label,
        style: 'left:' + (100 * x / width) + '%;top:' + (100 * y / height) + '%;width:' + (100 * w / width) + '%;height:' + (100 * hgt / height) + '%' });
      area.addEventListener('click', () => {
        if (action.type === 'sendMessage' && action.params && action.params.text) sendText(action.params.text);
        else if (action.type === 'web' && action.params && safeUrl(action.params.linkUri)) window.open(safeUrl(action.params.linkUri), '_blank', 'noopener');
      });
      box.append(area);
    }
    return box;
  }

  function linkMessage(content) {
    const params = (name) => Object.entries(content[name] || {}).map(([k, v]) => k + '=' + v).join(', ');
    const url = safeUrl(Object.values(content.linkUriParams || {})[0]);
    return h('div', { class: 'card', 'data-testid': 'link-message' },
      content.previewUrl ? image(content.previewUrl, 'link preview') : null,
      h('div', { class: 'body' }, h('div', { class: 'title', text: 'Link message · template ' + content.templateId }),
        params('textParams') && h('div', { text: params('textParams') }),
        params('subTextParams') && h('div', { class: 'sub', text: params('subTextParams') }),
        params('altTextParams') && h('div', { class: 'sub', text: 'alt: ' + params('altTextParams') })),
      h('a', { href: url || '#', target: '_blank', rel: 'noopener noreferrer', text: Object.values(content.linkTextParams || {}).join(' ') || 'Open link' }));
  }

  function renderContent(entry) {
    const c = entry.content || {};
    const meta = c.contentMetadata || {};
    const mine = entry.from === 'user';
    if (c.templateId !== undefined && c.contentType === undefined) return { plain: true, node: linkMessage(c) };
    switch (c.contentType) {
      case 1: return { node: document.createTextNode(c.text) };
      case 2: return { plain: true, node: mine ? image('/_emulator/media/' + encodeURIComponent(entry.messageId), 'image') : h('a', { href: safeUrl(c.originalContentUrl) || '#', target: '_blank', rel: 'noopener noreferrer' }, image(c.previewImageUrl, 'image')) };
      case 3: return { plain: true, node: h('div', {}, image(mine ? '/_emulator/media/' + encodeURIComponent(entry.messageId) + '/preview' : c.previewImageUrl, 'video'), h('div', { class: 'stamp', text: '▶ video' + (mine ? '' : ' ' + c.originalContentUrl) })) };
      case 4: {
        const src = mine ? '/_emulator/media/' + encodeURIComponent(entry.messageId) : safeUrl(c.originalContentUrl);
        return { node: h('div', {}, icon('mic'), ' audio ' + Math.round(Number(meta.AUDLEN || 0) / 100) / 10 + ' s', src ? h('audio', { controls: true, src, preload: 'none', style: 'display:block;max-width:220px' }) : null) };
      }
      case 7: return { plain: true, node: location(c) };
      case 8: return { plain: true, node: sticker(meta) };
      case 10: return { node: h('div', {}, icon('person'), ' contact: ', h('b', { text: meta.displayName || '' }), h('div', { class: 'stamp', text: meta.mid || '' })) };
      case 12: return { plain: true, node: rich(meta) };
      default: return { node: document.createTextNode('(contentType ' + c.contentType + ')') };
    }
  }

  const OPS = { 4: 'added the bot as a friend', 8: 'blocked the bot', 5: 'invited the bot to a group', 7: 'added the bot to a room' };

  function renderEntry(entry, chat) {
    if (entry.kind === 'operation') return h('div', { class: 'system', 'data-testid': 'operation', text: userName(entry.userMid) + ' ' + (OPS[entry.opType] || 'did opType ' + entry.opType) + stampText(entry) });
    if (entry.kind === 'system') return h('div', { class: 'system', text: entry.text });
    const { node, plain } = renderContent(entry);
    const side = entry.from === 'user' ? 'user' : 'bot';
    const stampBad = entry.from === 'bot' ? entry.delivered === false : entry.delivered === false;
    const stampText2 = entry.from === 'bot'
      ? (entry.delivered === false ? 'not delivered (blocked)' : time(entry.time))
      : (chat.kind !== 'user' ? userName(entry.userMid) + ' · ' : '') + time(entry.time) + stampText(entry);
    return h('div', { class: 'row ' + side },
      h('img', { class: 'avatar', src: side === 'user' ? '/_emulator/users/' + entry.userMid + '/picture' : 'data:image/svg+xml,' + encodeURIComponent(BOT_SVG), alt: '' }),
      h('div', { class: 'bubble msg ' + side + (plain ? ' plain' : ''), 'data-testid': side === 'bot' ? 'bot-message' : 'user-message' }, node),
      h('span', { class: 'stamp' + (stampBad ? ' bad' : ''), text: stampText2 }));
  }
  function stampText(entry) {
    if (entry.from !== 'user') return '';
    if (entry.delivered === true) return ' · delivered (' + entry.deliveryId + ')';
    if (entry.delivered === false) return ' · delivery failed' + (entry.deliveryId ? ' (' + entry.deliveryId + ')' : '');
    return ' · queued';
  }
  // Inline SVG icons: containers often have no emoji font.
  const ICONS = {
    pin: '<svg viewBox="0 0 24 24" width="36" height="36"><path fill="#e11d48" d="M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z"/></svg>',
    sticker: '<svg viewBox="0 0 64 64" width="72" height="72"><circle cx="16" cy="14" r="9" fill="#8b5a2b"/><circle cx="48" cy="14" r="9" fill="#8b5a2b"/><circle cx="32" cy="36" r="24" fill="#a0522d"/><ellipse cx="32" cy="44" rx="11" ry="8" fill="#f5deb3"/><circle cx="23" cy="31" r="3" fill="#222"/><circle cx="41" cy="31" r="3" fill="#222"/><ellipse cx="32" cy="40" rx="4" ry="3" fill="#222"/></svg>',
    mic: '<svg viewBox="0 0 24 24" width="16" height="16"><path fill="#334155" d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1A7 7 0 0 0 19 11z"/></svg>',
    person: '<svg viewBox="0 0 24 24" width="16" height="16"><circle cx="12" cy="8" r="4" fill="#334155"/><path fill="#334155" d="M4 21a8 8 0 0 1 16 0z"/></svg>',
    group: '<svg viewBox="0 0 24 24" width="22" height="22"><circle cx="8" cy="9" r="3.5" fill="#fff"/><circle cx="16" cy="9" r="3.5" fill="#fff"/><path fill="#fff" d="M1 20a7 7 0 0 1 14 0zM10 20a7 7 0 0 1 13 0z"/></svg>',
    room: '<svg viewBox="0 0 24 24" width="22" height="22"><path fill="#fff" d="M4 4h16v11H8l-4 4z"/></svg>',
  };
  function icon(name) { const span = h('span', { class: 'icon' }); span.innerHTML = ICONS[name]; return span; }
  const BOT_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><circle cx="48" cy="48" r="48" fill="#06c755"/><text x="48" y="60" font-family="sans-serif" font-size="34" font-weight="bold" fill="#fff" text-anchor="middle">BOT</text></svg>';

  /** The MID of the chat whose last entry is the newest (the first chat when none has entries). */
  function latestChat(chats) {
    let latest = chats[0] || null;
    let latestSeq = -1;
    for (const chat of chats) {
      const last = chat.entries[chat.entries.length - 1];
      if (last && last.seq > latestSeq) { latest = chat; latestSeq = last.seq; }
    }
    return latest ? latest.mid : null;
  }

  function render() {
    const chats = state.conversations;
    if (!pickedByUser || !chats.some((c) => c.mid === selected)) selected = latestChat(chats);
    const ch = state.channel;
    $('channel').textContent = 'channel ' + ch.channelId + (ch.trial ? ' · Trial mode' : '') + ' · REST ' + ch.url;
    if (document.activeElement !== $('webhook-url')) $('webhook-url').value = ch.webhookUrl || '';

    const list = $('chat-list'); list.replaceChildren();
    for (const chat of chats) {
      const user = chat.kind === 'user' ? state.users.find((u) => u.mid === chat.mid) : null;
      const last = chat.entries[chat.entries.length - 1];
      const preview = !last ? (user && user.statusMessage) || '' : last.kind === 'message' ? summary(last) : last.kind === 'operation' ? OPS[last.opType] || 'operation' : last.text;
      list.append(h('div', { class: 'chat-item' + (chat.mid === selected ? ' selected' : ''), 'data-mid': chat.mid, 'data-testid': 'chat-item', onclick: () => { selected = chat.mid; pickedByUser = true; render(); } },
        user ? h('img', { src: user.pictureUrl, alt: '' }) : h('div', { class: 'avatar', style: 'background:#94a3b8;display:flex;align-items:center;justify-content:center;color:#fff', }, icon(chat.kind === 'group' ? 'group' : 'room')),
        h('div', {}, h('div', { class: 'name' }, chat.title,
            user && user.blocked ? h('span', { class: 'badge blocked', text: 'blocked' }) : user && !user.friend ? h('span', { class: 'badge', text: 'not friend' }) : null,
            chat.kind !== 'user' ? h('span', { class: 'badge', text: chat.active ? chat.kind : 'left' }) : null),
          h('div', { class: 'sub', text: preview }))));
    }

    const chat = chats.find((c) => c.mid === selected);
    const key = chat ? chat.mid + ':' + chat.entries.length + ':' + chat.entries.map((e) => String(e.delivered)).join('') : '';
    $('conv-title').textContent = chat ? chat.title + (chat.kind === 'user' ? '' : ' (' + chat.kind + ', ' + chat.members.map(userName).join(', ') + ')') : 'No conversation';
    const isUser = chat && chat.kind === 'user';
    for (const id of ['add-as-friend', 'block', 'invite-group', 'add-to-room']) $(id).disabled = !isUser || (ch.trial && (id === 'invite-group' || id === 'add-to-room'));
    // A group or room: pick which member speaks; the bot can be invited back after it left.
    $('invite-back').style.display = chat && !isUser && !chat.active ? '' : 'none';
    $('sender-row').classList.toggle('shown', Boolean(chat && !isUser));
    const sender = $('sender');
    const members = chat && !isUser ? chat.members : [];
    if (sender.dataset.members !== members.join(',')) {
      sender.dataset.members = members.join(',');
      sender.replaceChildren(...members.map((mid) => h('option', { value: mid, text: userName(mid) })));
    }
    const picker = $('new-chat-members');
    if (picker.dataset.users !== state.users.map((u) => u.mid).join(',')) {
      picker.dataset.users = state.users.map((u) => u.mid).join(',');
      picker.replaceChildren(...state.users.map((u) => h('label', {}, h('input', { type: 'checkbox', value: u.mid, 'data-testid': 'new-chat-member' }), ' ' + u.displayName)));
    }
    $('new-chat').style.display = ch.trial ? 'none' : '';
    if (key !== renderedKey) {
      renderedKey = key;
      const box = $('messages'); box.replaceChildren();
      if (chat) for (const entry of chat.entries) box.append(renderEntry(entry, chat));
      box.scrollTop = box.scrollHeight;
    }

    const deliveries = $('deliveries'); deliveries.replaceChildren();
    for (const d of state.deliveries.slice(-100).reverse()) {
      deliveries.append(h('tr', { 'data-testid': 'delivery' },
        h('td', { text: d.id, title: new Date(d.time).toISOString() }),
        h('td', { text: String(d.events.length), title: d.events.map((e) => e.eventType).join('\\n') }),
        h('td', { class: d.ok ? 'ok' : 'fail', text: d.status !== undefined && d.status !== null ? 'HTTP ' + d.status : 'failed', title: d.error || d.responseBody || '' }),
        h('td', { text: d.latencyMs + ' ms' }),
        h('td', {}, h('button', { type: 'button', text: 'redeliver', onclick: () => api('POST', '/deliveries/' + encodeURIComponent(d.id) + '/redeliver') }))));
      if (d.error) deliveries.append(h('tr', {}, h('td', { colspan: 5, class: 'fail', text: d.error })));
    }
    const requests = $('requests'); requests.replaceChildren();
    for (const r of state.requests.slice(-100).reverse()) {
      const warnings = r.warnings || [];
      requests.append(h('tr', { 'data-testid': 'request' }, h('td', { text: r.method + ' ' + r.path + (r.statusMessage ? ' — ' + r.statusMessage : '') }),
        h('td', { class: r.status < 300 ? 'ok' : 'fail', text: r.status + (r.statusCode ? ' (' + r.statusCode + ')' : '') + (warnings.length ? ' ⚠ ' + warnings.length : '') })));
      // Accepted as LINE did, but not what a careful client sends: one line per warning, under the request.
      for (const warning of warnings) requests.append(h('tr', { 'data-testid': 'request-warning' }, h('td', { colspan: 2, class: 'warn', text: '⚠ ' + warning })));
    }
  }

  function summary(entry) {
    const c = entry.content || {};
    const prefix = entry.from === 'bot' ? 'Bot: ' : '';
    const kinds = { 1: c.text, 2: 'image', 3: 'video', 4: 'audio', 7: 'location', 8: 'sticker', 10: 'contact', 12: 'rich message' };
    return prefix + (c.templateId !== undefined && c.contentType === undefined ? 'link message' : kinds[c.contentType] || 'message');
  }

  async function poll() {
    try {
      const response = await fetch('/_emulator/state?since=' + version, { cache: 'no-store' });
      if (response.status === 200) { state = await response.json(); version = state.version; render(); }
    } catch (error) { /* the emulator may be restarting */ }
  }

  function currentUser() {
    const chat = state && state.conversations.find((c) => c.mid === selected);
    if (!chat) return null;
    if (chat.kind === 'user') return { user: chat.mid, chatMid: undefined };
    return { user: $('sender').value || chat.members[0], chatMid: chat.mid };
  }
  function sendMessage(message) {
    const target = currentUser(); if (!target) return;
    return api('POST', '/users/' + encodeURIComponent(target.user) + '/messages', Object.assign({}, message, target.chatMid ? { chatMid: target.chatMid } : {})).catch(() => {});
  }
  function sendText(text) { return sendMessage({ type: 'text', text }); }

  $('composer-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('composer-input'); const text = input.value;
    if (!text.trim()) return;
    input.value = '';
    sendText(text);
  });
  const SAMPLES = {
    sticker: { type: 'sticker', packageId: '332', stickerId: '3', version: '100' },
    image: { type: 'image' }, video: { type: 'video' }, audio: { type: 'audio', durationMs: 2400 },
    location: { type: 'location', title: 'LINE Corporation', address: '1-6-1 Yotsuya, Shinjuku-ku, Tokyo', latitude: 35.687574, longitude: 139.72922 },
  };
  for (const button of document.querySelectorAll('[data-kind]')) {
    button.addEventListener('click', () => {
      const kind = button.getAttribute('data-kind');
      if (kind === 'contact') {
        const target = currentUser(); const other = state.users.find((u) => !target || u.mid !== target.user) || state.users[0];
        sendMessage({ type: 'contact', mid: other.mid, displayName: other.displayName });
      } else sendMessage(SAMPLES[kind]);
    });
  }
  // The JSON API path that brings the bot into a group (opType 5) or a room (opType 7).
  const INVITE = { group: '/invite-group', room: '/add-to-room' };
  const userAction = (path) => () => { const t = currentUser(); if (t) api('POST', '/users/' + encodeURIComponent(t.user) + path, {}).catch(() => {}); };
  $('add-as-friend').addEventListener('click', userAction('/add-as-friend'));
  $('block').addEventListener('click', userAction('/block'));
  $('invite-group').addEventListener('click', userAction('/invite-group'));
  $('add-to-room').addEventListener('click', userAction('/add-to-room'));
  $('invite-back').addEventListener('click', () => {
    const chat = state && state.conversations.find((c) => c.mid === selected);
    const t = currentUser();
    if (chat && t) api('POST', '/users/' + encodeURIComponent(t.user) + INVITE[chat.kind], { chatMid: chat.mid }).catch(() => {});
  });
  $('new-chat').addEventListener('submit', (event) => {
    event.preventDefault();
    const kind = event.submitter && event.submitter.getAttribute('data-kind') === 'room' ? 'room' : 'group';
    const chosen = [...document.querySelectorAll('#new-chat-members input:checked')].map((box) => box.value);
    if (chosen.length === 0) { toast('Pick at least one member: the first one invites the bot.'); return; }
    const name = $('new-chat-name').value.trim();
    api('POST', '/users/' + encodeURIComponent(chosen[0]) + INVITE[kind], Object.assign({ members: chosen.slice(1) }, name ? { name } : {}))
      .then((chat) => { selected = chat.mid; pickedByUser = true; $('new-chat-name').value = ''; for (const box of document.querySelectorAll('#new-chat-members input')) box.checked = false; poll(); })
      .catch(() => {});
  });
  $('webhook-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const url = $('webhook-url').value.trim();
    api('PUT', '/webhook', { url: url || null }).then(() => toast('Webhook saved')).catch(() => {});
  });

  poll();
  setInterval(poll, 500);
})();
</script>
</body>
</html>
`;
