// Switchboard web chat: one conversation per browser (its id kept in localStorage), over a WebSocket. The socket
// needs a login session: from the one-time login link (/?token=…) or an API key posted to /login.
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
  let socket;
  let retryDelay = 500;
  let pending = null;

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
    socket = new WebSocket(scheme + location.host + '/ws/chat?chat=' + encodeURIComponent(chatId()));
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
        msg.messages.forEach((m) => add(m.role, m.text));
      } else if (msg.type === 'reply') {
        if (pending) { pending.remove(); pending = null; }
        add('assistant', msg.text, msg.error ? 'error' : '');
      } else if (msg.type === 'error') {
        add('assistant', msg.error, 'error');
      }
    };
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || !socket || socket.readyState !== WebSocket.OPEN) return;
    add('user', text);
    socket.send(JSON.stringify({ text: text }));
    input.value = '';
    if (!pending) pending = add('assistant', 'thinking…', 'pending');
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
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
