import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function TitlePage() {
  return (
    <main
      style={{
        fontFamily: 'system-ui, sans-serif',
        maxWidth: 720,
        margin: '3rem auto',
        padding: '0 1rem',
      }}
    >
      <h1>LSTM from scratch</h1>
      <p>Four equations and a for loop, live on the GPU with TensorFlow.js.</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <TitlePage />
    </StrictMode>,
  );
