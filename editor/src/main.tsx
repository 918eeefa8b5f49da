import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RuleEditor } from './RuleEditor.js';

const root = document.getElementById('root');
if (!root) throw new Error('editor: index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <RuleEditor />
  </StrictMode>,
);
