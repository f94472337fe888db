// The pages' sign-in: the session of Camunda's webapps (Tasklist's login form, the same session cookie), never a
// browser's Basic login prompt, which would make the browser send the password with every request to this origin,
// from any site's page. GET api/session says who is signed in and gives the token that every request changing
// something must carry in a header (CSRF protection). Without a session the page says where to sign in.
const mailferrySession = (async () => {
  const response = await fetch('api/session', {credentials: 'same-origin', headers: {'Accept': 'application/json'}});
  const body = await response.json().catch(() => ({}));
  if (response.ok) {
    return body;
  }
  const note = document.getElementById('signIn');
  note.replaceChildren();
  if (response.status === 401) {
    const link = document.createElement('a');
    link.href = 'camunda/app/tasklist/';
    link.textContent = 'Sign in to Tasklist';
    note.append(link, ' (in this browser), then reload this page.');
  } else {
    note.textContent = body.message || ('The server answered ' + response.status);
  }
  note.hidden = false;
  document.querySelectorAll('form button[type=submit]').forEach(button => { button.disabled = true; });
  return null;
})();

/** The headers a request that changes something needs: the session's CSRF token. */
async function mailferryHeaders(headers) {
  const session = await mailferrySession;
  if (!session) {
    throw new Error('Sign in to Tasklist first, then reload this page.');
  }
  return Object.assign({[session.csrfHeader]: session.csrfToken}, headers);
}
