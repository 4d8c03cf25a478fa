/*
 * The helpdesk agent page: signs the agent in with the authorization-code flow and PKCE (public client
 * deepfake-guard-helpdesk), keeps the access token in memory only, and talks to the helpdesk API of the same realm.
 * It shows states and refusals; the API never gives it a link or a code, so it cannot show one.
 */
(function () {
  'use strict';

  var CLIENT = 'deepfake-guard-helpdesk';
  var PKCE_KEY = 'dfg-helpdesk-pkce';
  var POLL_MS = 3000;
  var realmPath = location.pathname.replace(/\/deepfake-guard-helpdesk\/.*$/, '');
  var api = location.origin + realmPath + '/deepfake-guard-helpdesk';
  var oidc = location.origin + realmPath + '/protocol/openid-connect';
  var redirectUri = location.origin + location.pathname;

  var TEXT = {
    en: {
      title: 'Helpdesk verification',
      intro: 'You start a check; the caller proves it is them on their own e-mail and reads a code back to you. You never see a link, a code you could pass on, or a picture.',
      signInTitle: 'Sign in', signIn: 'Sign in as agent',
      lookupTitle: '1. Find the user', searchLabel: 'Name, username or e-mail', search: 'Search',
      noResults: 'No user found that you may act on.', choose: 'Choose',
      startTitle: '2. Start the verification', selectedUser: 'User', channel: 'Link goes to',
      notEditable: '(on file, cannot be changed here)', ticketLabel: 'Ticket reference', start: 'Send the link',
      requestTitle: '3. Status', codeLabel: 'Code the caller reads to you', confirmCode: 'Confirm code',
      issueReset: 'Send the reset to the user\u2019s e-mail', cancel: 'Cancel the verification',
      approveTitle: 'Approve a colleague\u2019s verification', approveLabel: 'Request id', approve: 'Approve',
      privileged: 'needs a second agent\u2019s approval', requestId: 'Request id (for the approver)',
      attemptsLeft: 'wrong codes left',
      state_requested: 'Link sent. Ask the caller to open the e-mail.',
      state_link_opened: 'The caller opened the link.',
      state_liveness_passed: 'The caller passed the check. Ask for the code and enter it.',
      state_liveness_failed: 'The check failed. Do not reset; follow your escalation process.',
      state_code_confirmed: 'Code confirmed.',
      state_code_failed: 'Three wrong codes. The verification has ended.',
      state_approved: 'Approved by a second agent.',
      state_reset_issued: 'The reset was sent to the user\u2019s own e-mail. Done on your side.',
      state_done: 'Done.', state_expired: 'The verification expired.',
      state_reported: 'The caller said they did not ask for this. Security has been alerted. Do not reset.',
      state_cancelled: 'Cancelled.', approvalNeeded: 'Waiting for a second agent\u2019s approval.',
      error_not_found: 'Not found, or you may not act on this user.', error_forbidden: 'Your role does not allow this.',
      error_own_request: 'You cannot approve your own verification.', error_invalid_input: 'Please check your input.',
      error_user_has_open_request: 'This user already has an open verification.',
      error_user_daily_limit: 'This user had too many verifications today.',
      error_agent_hourly_limit: 'You started too many verifications in the last hour.',
      error_no_channel: 'This user has no verified e-mail on file.',
      error_contact_changed_recently: 'This user\u2019s e-mail address changed recently. Do not verify or reset now; follow your escalation procedure.',
      error_wrong_state: 'Not possible in the current state.',
      error_wrong_code: 'Wrong code.', error_approval_required: 'A second agent must approve first.',
      error_delivery_failed: 'The e-mail could not be sent.', error_not_authorized: 'Please sign in again.',
      error_sign_in: 'Sign-in failed. Please try again.'
    },
    de: {
      title: 'Helpdesk-Verifizierung',
      intro: 'Sie starten eine Prüfung; der Anrufer bestätigt über seine eigene E-Mail, dass er es ist, und liest Ihnen einen Code vor. Sie sehen nie einen Link, einen weitergebbaren Code oder ein Bild.',
      signInTitle: 'Anmelden', signIn: 'Als Mitarbeiter anmelden',
      lookupTitle: '1. Benutzer finden', searchLabel: 'Name, Benutzername oder E-Mail', search: 'Suchen',
      noResults: 'Kein Benutzer gefunden, für den Sie handeln dürfen.', choose: 'Auswählen',
      startTitle: '2. Verifizierung starten', selectedUser: 'Benutzer', channel: 'Link geht an',
      notEditable: '(hinterlegt, hier nicht änderbar)', ticketLabel: 'Ticketnummer', start: 'Link senden',
      requestTitle: '3. Status', codeLabel: 'Code, den der Anrufer vorliest', confirmCode: 'Code bestätigen',
      issueReset: 'Zurücksetzung an die E-Mail des Benutzers senden', cancel: 'Verifizierung abbrechen',
      approveTitle: 'Verifizierung eines Kollegen freigeben', approveLabel: 'Anfrage-ID', approve: 'Freigeben',
      privileged: 'braucht die Freigabe eines zweiten Mitarbeiters', requestId: 'Anfrage-ID (für die Freigabe)',
      attemptsLeft: 'Fehlversuche übrig',
      state_requested: 'Link gesendet. Bitten Sie den Anrufer, die E-Mail zu öffnen.',
      state_link_opened: 'Der Anrufer hat den Link geöffnet.',
      state_liveness_passed: 'Der Anrufer hat die Prüfung bestanden. Fragen Sie nach dem Code und geben Sie ihn ein.',
      state_liveness_failed: 'Die Prüfung ist fehlgeschlagen. Nicht zurücksetzen; eskalieren Sie nach Vorgabe.',
      state_code_confirmed: 'Code bestätigt.',
      state_code_failed: 'Dreimal falscher Code. Die Verifizierung ist beendet.',
      state_approved: 'Von einem zweiten Mitarbeiter freigegeben.',
      state_reset_issued: 'Die Zurücksetzung ging an die eigene E-Mail des Benutzers. Für Sie erledigt.',
      state_done: 'Erledigt.', state_expired: 'Die Verifizierung ist abgelaufen.',
      state_reported: 'Der Anrufer hat angegeben, nichts angefragt zu haben. Die Sicherheit ist informiert. Nicht zurücksetzen.',
      state_cancelled: 'Abgebrochen.', approvalNeeded: 'Wartet auf die Freigabe durch einen zweiten Mitarbeiter.',
      error_not_found: 'Nicht gefunden, oder Sie dürfen für diesen Benutzer nicht handeln.',
      error_forbidden: 'Ihre Rolle erlaubt das nicht.', error_own_request: 'Sie können Ihre eigene Verifizierung nicht freigeben.',
      error_invalid_input: 'Bitte prüfen Sie Ihre Eingabe.',
      error_user_has_open_request: 'Für diesen Benutzer läuft bereits eine Verifizierung.',
      error_user_daily_limit: 'Für diesen Benutzer gab es heute zu viele Verifizierungen.',
      error_agent_hourly_limit: 'Sie haben in der letzten Stunde zu viele Verifizierungen gestartet.',
      error_no_channel: 'Für diesen Benutzer ist keine bestätigte E-Mail hinterlegt.',
      error_contact_changed_recently: 'Die E-Mail-Adresse dieses Benutzers wurde kürzlich geändert. Jetzt nicht verifizieren oder zurücksetzen; eskalieren Sie nach Vorgabe.',
      error_wrong_state: 'Im aktuellen Zustand nicht möglich.', error_wrong_code: 'Falscher Code.',
      error_approval_required: 'Ein zweiter Mitarbeiter muss zuerst freigeben.',
      error_delivery_failed: 'Die E-Mail konnte nicht gesendet werden.', error_not_authorized: 'Bitte melden Sie sich erneut an.',
      error_sign_in: 'Anmeldung fehlgeschlagen. Bitte erneut versuchen.'
    }
  };

  var lang = new URLSearchParams(location.search).get('lang') || sessionStorage.getItem('dfg-helpdesk-lang')
      || ((navigator.language || 'en').toLowerCase().indexOf('de') === 0 ? 'de' : 'en');
  if (!TEXT[lang]) { lang = 'en'; }
  var token = null;
  var selected = null;
  var current = null;
  var pollTimer = null;

  function $(id) { return document.getElementById(id); }
  function t(key) { return TEXT[lang][key] || TEXT.en[key] || key; }

  function applyTexts() {
    document.documentElement.lang = lang;
    document.title = t('title');
    document.querySelectorAll('[data-t]').forEach(function (el) { el.textContent = t(el.getAttribute('data-t')); });
    if (current) { showRequest(current); }
  }

  function setLang(next) { lang = next; sessionStorage.setItem('dfg-helpdesk-lang', next); applyTexts(); }

  function alertText(text) { $('alert').textContent = text || ''; }

  function random(bytes) {
    var a = new Uint8Array(bytes);
    crypto.getRandomValues(a);
    return base64url(a);
  }

  function base64url(bytes) {
    var s = '';
    new Uint8Array(bytes).forEach(function (b) { s += String.fromCharCode(b); });
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function signIn() {
    var verifier = random(48);
    var state = random(16);
    sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier: verifier, state: state }));
    crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (digest) {
      location.assign(oidc + '/auth?' + new URLSearchParams({
        client_id: CLIENT, redirect_uri: redirectUri, response_type: 'code', scope: 'openid', state: state,
        code_challenge: base64url(digest), code_challenge_method: 'S256', ui_locales: lang
      }));
    });
  }

  function finishSignIn() {
    var params = new URLSearchParams(location.search);
    if (!params.get('code')) { return Promise.resolve(false); }
    var saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
    sessionStorage.removeItem(PKCE_KEY);
    history.replaceState(null, '', redirectUri);
    if (!saved || saved.state !== params.get('state')) { alertText(t('error_sign_in')); return Promise.resolve(false); }
    return fetch(oidc + '/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT, code: params.get('code'),
        redirect_uri: redirectUri, code_verifier: saved.verifier })
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (json) {
      token = json && json.access_token;
      if (!token) { alertText(t('error_sign_in')); }
      return !!token;
    });
  }

  function call(method, path, body) {
    return fetch(api + path, {
      method: method,
      headers: Object.assign({ Authorization: 'Bearer ' + token, Accept: 'application/json' },
          body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (json) {
        if (!r.ok) { alertText(t('error_' + (json.error || 'not_authorized'))); throw json; }
        alertText('');
        return json;
      });
    });
  }

  function showSignedIn() {
    $('signed-out').hidden = true;
    $('lookup').hidden = false;
    $('approve').hidden = false;
  }

  function search(event) {
    event.preventDefault();
    call('GET', '/users?search=' + encodeURIComponent($('search').value)).then(function (users) {
      var list = $('results');
      list.textContent = '';
      if (users.length === 0) {
        var none = document.createElement('li');
        none.textContent = t('noResults');
        list.appendChild(none);
      }
      users.forEach(function (user) {
        var item = document.createElement('li');
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'secondary';
        var channel = user.channels.length ? user.channels[0].masked : '\u2014';
        button.textContent = t('choose') + ': ' + user.name + ' (' + user.username + ', ' + channel + ')'
            + (user.privileged ? ' \u2013 ' + t('privileged') : '');
        button.addEventListener('click', function () { choose(user); });
        item.appendChild(button);
        list.appendChild(item);
      });
    }).catch(function () {});
  }

  function choose(user) {
    selected = user;
    $('selected-name').textContent = user.name + ' (' + user.username + ')';
    $('selected-channel').textContent = user.channels.length ? user.channels[0].masked : '\u2014';
    $('start').hidden = false;
    $('ticket').focus();
  }

  function start(event) {
    event.preventDefault();
    call('POST', '/requests', { userId: selected.id, ticket: $('ticket').value }).then(track).catch(function () {});
  }

  function track(request) {
    showRequest(request);
    clearInterval(pollTimer);
    pollTimer = setInterval(function () {
      call('GET', '/requests/' + current.id).then(showRequest).catch(function () { clearInterval(pollTimer); });
    }, POLL_MS);
  }

  function showRequest(request) {
    current = request;
    $('request').hidden = false;
    var open = ['requested', 'link_opened', 'liveness_passed', 'code_confirmed', 'approved'].indexOf(request.state) >= 0;
    var waitingForApproval = request.state === 'code_confirmed' && request.approvalNeeded;
    var text = t('state_' + request.state) + (waitingForApproval ? ' ' + t('approvalNeeded') : '')
        + (request.privileged ? ' ' + t('requestId') + ': ' + request.id : '');
    // Assigned only when it changes, so the live region announces news, not every poll.
    if ($('status').textContent !== text) { $('status').textContent = text; }
    $('code-form').hidden = request.state !== 'liveness_passed';
    $('reset').hidden = !((request.state === 'code_confirmed' && !request.approvalNeeded) || request.state === 'approved');
    $('cancel').hidden = !open;
    if (!open) { clearInterval(pollTimer); }
  }

  function confirmCode(event) {
    event.preventDefault();
    call('POST', '/requests/' + current.id + '/code', { code: $('code').value })
        .then(showRequest, function () { $('code').value = ''; return call('GET', '/requests/' + current.id).then(showRequest); })
        .catch(function () {});
  }

  function approve(event) {
    event.preventDefault();
    call('POST', '/requests/' + encodeURIComponent($('approve-id').value.trim()) + '/approve').then(function (request) {
      $('approve-status').textContent = t('state_' + request.state);
    }).catch(function () {});
  }

  document.addEventListener('DOMContentLoaded', function () {
    applyTexts();
    $('lang-en').addEventListener('click', function () { setLang('en'); });
    $('lang-de').addEventListener('click', function () { setLang('de'); });
    $('sign-in').addEventListener('click', signIn);
    $('search-form').addEventListener('submit', search);
    $('start-form').addEventListener('submit', start);
    $('code-form').addEventListener('submit', confirmCode);
    $('approve-form').addEventListener('submit', approve);
    $('reset').addEventListener('click', function () {
      call('POST', '/requests/' + current.id + '/reset').then(showRequest).catch(function () {});
    });
    $('cancel').addEventListener('click', function () {
      call('POST', '/requests/' + current.id + '/cancel').then(showRequest).catch(function () {});
    });
    finishSignIn().then(function (signedIn) { if (signedIn) { showSignedIn(); } });
  });
}());
