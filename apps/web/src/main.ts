import './styles.css';
import { createApiClient } from './api/client';
import { detectLocale, isLocale } from './i18n/i18n';
import { mountApp, storedLocale } from './views/app';

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
const storage = safeStorage();
const remembered = storedLocale(storage);
mountApp(root, {
  api: createApiClient(),
  locale: isLocale(remembered)
    ? remembered
    : detectLocale(navigator.languages ?? [navigator.language]),
  storage,
  pollIntervalMs: 500,
});
