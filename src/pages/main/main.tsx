// Entry point of the main page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startUp } from './startup';
import { installTestApi } from './test-api';
import '../../styles.css';

installTestApi(window);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
startUp();
