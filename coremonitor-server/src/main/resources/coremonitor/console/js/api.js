// The REST API of Core Monitor (/api/v1), with the credential of this tab. Every call goes through here.
const BASE = '/api/v1';
const TOKEN_KEY = 'coremonitor.token';

/** An answer that is not 2xx: its status and problem+json body (title, detail, errors...). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}

const unauthorizedListeners = new Set();

/** Called with the server's message when a call answers 401: the sign-in form comes back. */
export function onUnauthorized(listener) {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** The credential lives in this tab only (sessionStorage), never in a URL or in localStorage. */
export const credential = {
  get() { return sessionStorage.getItem(TOKEN_KEY) || ''; },
  set(token) { if (token) { sessionStorage.setItem(TOKEN_KEY, token); } else { sessionStorage.removeItem(TOKEN_KEY); } },
  clear() { sessionStorage.removeItem(TOKEN_KEY); },
};

export function headers(extra) {
  const h = Object.assign({ Accept: 'application/json' }, extra || {});
  const token = credential.get();
  if (token) {
    h.Authorization = 'Bearer ' + token;
  }
  return h;
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch (e) {
      return { title: response.statusText };
    }
  }
  const text = await response.text();
  return { title: response.statusText, detail: text.slice(0, 300) };
}

/** Fails with ApiError on a non-2xx answer; tells the sign-in listeners on 401. */
export async function check(response) {
  if (response.ok) {
    return response;
  }
  const problem = await problemOf(response);
  const error = new ApiError(response.status, problem);
  if (response.status === 401) {
    unauthorizedListeners.forEach((l) => l(error.message));
  }
  throw error;
}

/**
 * fetch, asked again once after a moment when a read did not reach the server at all (the browser drops requests in
 * flight when the machine's network changes: Wi-Fi, a VPN, Docker adding a bridge). Writes are never resent.
 */
async function fetchOnce(url, init, idempotent) {
  try {
    return await fetch(url, init);
  } catch (e) {
    if (!idempotent || e.name === 'AbortError') {
      throw e;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    return fetch(url, init);
  }
}

/** A call: method, path under /api/v1, optional JSON body. Resolves to the parsed JSON (or null for no content). */
export async function call(method, path, body, options) {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
  }
  if (options && options.signal) {
    init.signal = options.signal;
  }
  const response = await check(await fetchOnce(BASE + path, init, method === 'GET'));
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/**
 * Sends a file as the raw body of a POST (XMLHttpRequest, for its upload progress: fetch has none), with the tab's
 * credential. onProgress(loaded, total) is called as the bytes go out. Resolves to the parsed JSON answer with its
 * status ({ status, body }); fails with ApiError like call().
 */
export function upload(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', BASE + path);
    Object.entries(headers({ 'Content-Type': 'application/octet-stream' }))
      .forEach(([name, value]) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (e) => {
      if (onProgress && e.lengthComputable) {
        onProgress(e.loaded, e.total);
      }
    };
    xhr.onload = () => {
      let body = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch (e) {
        body = { title: xhr.statusText, detail: String(xhr.responseText).slice(0, 300) };
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ status: xhr.status, body });
        return;
      }
      const error = new ApiError(xhr.status, body || { title: xhr.statusText });
      if (xhr.status === 401) {
        unauthorizedListeners.forEach((l) => l(error.message));
      }
      reject(error);
    };
    xhr.onerror = () => reject(new Error('the upload did not reach the server: the connection was closed'
      + ' (a file over the server\'s size limit is refused before it is read)'));
    xhr.onabort = () => reject(new Error('the upload was cancelled'));
    xhr.send(file);
  });
}

export const get = (path, options) => call('GET', path, undefined, options);
export const post = (path, body, options) => call('POST', path, body === undefined ? {} : body, options);

/** A query string from an object, skipping empty values. */
export function query(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '') {
      q.set(k, String(v));
    }
  });
  const s = q.toString();
  return s ? '?' + s : '';
}

export const enc = encodeURIComponent;
