import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { loadMessages } from './i18n';
import { openStartDatabase } from './store/databases';
import './ui/styles.css';

// The database of the organisation signed in last on this device (store/databases.ts).
openStartDatabase();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The screens' messages, fetched while the first screen shows: the next one need not wait.
loadMessages().catch(() => undefined);
