import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installPalette } from './styles/palette';
import './styles.css';
import './styles/registry.css';
import './styles/explorer.css';
import './styles/shell.css';
import './styles/deployments.css';

installPalette();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
