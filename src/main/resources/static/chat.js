// Switchboard web chat: one conversation per browser (its id kept in localStorage), over a WebSocket. The socket
// needs a login session: from the one-time login link (/?token=…) or an API key posted to /login. The agent picker
// switches the chat's agent; a new chat starts with the one picked last.
(function () {
  const log = document.getElementById('log');
  const loginPanel = document.getElementById('login');
  const loginForm = document.getElementById('login-form');
  const loginKey = document.getElementById('login-key');
  const loginError = document.getElementById('login-error');
  const who = document.getElementById('who');
  const logoutButton = document.getElementById('logout');
  const form = document.getElementById('composer');
  const input = document.getElementById('text');
  const sendButton = document.getElementById('send');
  const status = document.getElementById('status');
  const agentPicker = document.getElementById('agent');
  let socket;
  let retryDelay = 500;
  let pending = null;
  const streams = {}; // stream id → the last sequence shown; 'done' once its reply came
  const pushesShown = new Set(); // a push delivered again (after a redelivery) is shown once

  function chatId() {
    let id = localStorage.getItem('switchboard.chat');
    if (!id) {
      id = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2)).replace(/[^A-Za-z0-9_-]/g, '');
      localStorage.setItem('switchboard.chat', id);
    }
    return id;
  }

  function add(role, text, extra) {
    const div = document.createElement('div');
    div.className = 'msg ' + role + (extra ? ' ' + extra : '');
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }

  // the tool steps behind an answer, folded under it
  function addSteps(message, steps) {
    if (!steps || !steps.length) return;
    const details = document.createElement('details');
    details.className = 'steps';
    const summary = document.createElement('summary');
    summary.textContent = '\u{1F527} ' + steps.length + (steps.length === 1 ? ' tool step' : ' tool steps');
    details.appendChild(summary);
    steps.forEach((step) => {
      const item = document.createElement('div');
      item.className = 'step';
      const took = step.durationMs != null ? ' \u00b7 ' + step.durationMs + ' ms' : '';
      item.textContent = step.tool + (step.arguments ? ' ' + step.arguments : '') + took + '\n\u2192 ' + (step.result || '');
      details.appendChild(item);
    });
    message.appendChild(details);
  }

  // the files an answer brings (a sandbox run's outputs): a download link each, images shown too
  function addFiles(message, files) {
    (files || []).forEach((file) => {
      const row = document.createElement('div');
      row.className = 'file';
      const link = document.createElement('a');
      link.href = file.url;
      link.download = file.name || '';
      link.rel = 'noopener';
      link.textContent = '\u{1F4CE} ' + (file.name || 'file');
      row.appendChild(link);
      if (file.type === 'image') {
        const image = document.createElement('img');
        image.src = file.url;
        image.alt = file.name || '';
        row.appendChild(image);
      }
      message.appendChild(row);
    });
  }

  // calls waiting for this user's decision: a button sends the command the question names
  function addDecisions(message, confirmations) {
    (confirmations || []).forEach((held) => {
      const row = document.createElement('div');
      row.className = 'decisions';
      [['confirm', '\u2705 Confirm'], ['cancel', '\u2716 Cancel']].forEach(([command, label]) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'decision ' + command;
        button.textContent = label + ' ' + held.tool;
        button.addEventListener('click', () => {
          row.querySelectorAll('button').forEach((b) => { b.disabled = true; });
          send('/' + command + ' ' + held.id);
        });
        row.appendChild(button);
      });
      message.appendChild(row);
    });
  }

  function send(text) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    add('user', text);
    socket.send(JSON.stringify({ text: text }));
    if (!pending) pending = add('assistant', 'thinking\u2026', 'pending');
    return true;
  }

  // the agents this user may use, the chat's current one selected; shown when there is a choice
  function showAgents(msg) {
    agentPicker.innerHTML = '';
    msg.agents.forEach((agent) => {
      const option = document.createElement('option');
      option.value = agent.name;
      option.textContent = agent.name;
      option.title = agent.description || '';
      agentPicker.appendChild(option);
    });
    agentPicker.value = msg.current;
    agentPicker.hidden = msg.agents.length < 2;
  }

  function setStatus(cls, text) {
    status.className = 'status ' + cls;
    status.textContent = text;
  }

  function showLogin(note) {
    loginPanel.hidden = false;
    log.hidden = true;
    form.hidden = true;
    logoutButton.hidden = true;
    who.textContent = '';
    setStatus('offline', 'logged out');
    loginError.textContent = note || '';
    loginKey.focus();
  }

  function showChat(user) {
    loginPanel.hidden = true;
    log.hidden = false;
    form.hidden = false;
    logoutButton.hidden = false;
    who.textContent = user;
    connect();
  }

  // who this browser is logged in as (401: not yet)
  function start() {
    fetch('/login', { credentials: 'same-origin' }).then((response) => {
      if (response.ok) {
        response.json().then((body) => showChat(body.user));
      } else {
        showLogin(location.hash === '#login-link-used-or-expired' ? 'That login link was used already or has expired.' : '');
      }
    }).catch(() => setTimeout(start, 2000));
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const picked = localStorage.getItem('switchboard.agent');
    socket = new WebSocket(scheme + location.host + '/ws/chat?chat=' + encodeURIComponent(chatId())
      + (picked ? '&agent=' + encodeURIComponent(picked) : ''));
    socket.onopen = () => { setStatus('online', 'online'); retryDelay = 500; sendButton.disabled = false; };
    socket.onclose = (event) => {
      sendButton.disabled = true;
      socket = null;
      if (event.code === 1008) { start(); return; } // the session ended: log in again
      setStatus('offline', 'offline — reconnecting…');
      setTimeout(() => (loginPanel.hidden ? start() : null), retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10000);
    };
    socket.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      if (msg.type === 'history') {
        log.innerHTML = '';
        let steps = [];
        msg.messages.forEach((m) => {
          if (m.role === 'tool_call') { steps.push({ tool: m.text }); return; }
          if (m.role === 'tool_result') { if (steps.length) steps[steps.length - 1].result = m.text; return; }
          const div = add(m.role, m.text);
          if (m.role === 'assistant') { addSteps(div, steps); steps = []; }
        });
      } else if (msg.type === 'reply' && msg.progress) {
        if (!pending) pending = add('assistant', msg.text, 'pending');
        else if (!pending.classList.contains('streaming')) pending.textContent = msg.text; // the answer being written says more
      } else if (msg.type === 'reply') {
        if (msg.stream) streams[msg.stream] = 'done';
        if (pending) { pending.remove(); pending = null; }
        const div = add('assistant', msg.text, msg.error ? 'error' : '');
        addSteps(div, msg.steps);
        addFiles(div, msg.files);
        addDecisions(div, msg.confirmations);
      } else if (msg.type === 'partial') {
        // the answer so far: shown in the pending bubble; a late one, or one after the reply, is not
        const last = streams[msg.stream];
        if (last === 'done' || (last !== undefined && msg.sequence <= last)) return;
        streams[msg.stream] = msg.sequence;
        if (!pending) pending = add('assistant', '', 'pending');
        pending.classList.add('streaming');
        pending.textContent = msg.text;
        log.scrollTop = log.scrollHeight;
      } else if (msg.type === 'push') {
        // a subscription's item, while the page is open (it is in the history when the page opens next)
        if (pushesShown.has(msg.id)) return;
        pushesShown.add(msg.id);
        const div = add('push', msg.text);
        addFiles(div, msg.files);
      } else if (msg.type === 'agents') {
        showAgents(msg);
      } else if (msg.type === 'error') {
        add('assistant', msg.error, 'error');
      }
    };
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text && send(text)) input.value = '';
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });

  agentPicker.addEventListener('change', () => {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    localStorage.setItem('switchboard.agent', agentPicker.value);
    socket.send(JSON.stringify({ agent: agentPicker.value }));
  });

  document.getElementById('new-chat').addEventListener('click', () => {
    localStorage.removeItem('switchboard.chat');
    log.innerHTML = '';
    if (socket) socket.close();
  });

  loginForm.addEventListener('submit', (event) => {
    event.preventDefault();
    fetch('/login', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key: loginKey.value.trim() }) }).then((response) => {
      loginKey.value = '';
      if (response.ok) { history.replaceState(null, '', '/'); response.json().then((body) => showChat(body.user)); }
      else { loginError.textContent = 'That is not a valid API key.'; }
    });
  });

  logoutButton.addEventListener('click', () => {
    fetch('/logout', { method: 'POST', credentials: 'same-origin' }).then(() => {
      if (socket) { socket.onclose = null; socket.close(); socket = null; }
      showLogin('Logged out.');
    });
  });

  sendButton.disabled = true;
  start();
})();
