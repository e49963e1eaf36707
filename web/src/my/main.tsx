import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MyApp } from './my-app.js';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root element');
createRoot(root).render(
  <StrictMode>
    <MyApp />
  </StrictMode>,
);

// The offline shell (docs/self-service.md, "The customer app"): the page and its files come from the
// cache when the network does not answer; the figures are the last this device had.
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/my/sw.js', { scope: '/my/' }).catch(() => undefined);
