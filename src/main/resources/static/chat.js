// Switchboard web chat: one conversation per browser (its id kept in localStorage), over a WebSocket.
(function () {
  const log = document.getElementById('log');
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

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(scheme + location.host + '/ws/chat?chat=' + encodeURIComponent(chatId()));
    socket.onopen = () => { setStatus('online', 'online'); retryDelay = 500; sendButton.disabled = false; };
    socket.onclose = () => {
      setStatus('offline', 'offline — reconnecting…');
      sendButton.disabled = true;
      setTimeout(connect, retryDelay);
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

  sendButton.disabled = true;
  connect();
})();
