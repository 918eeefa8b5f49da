import { useId, useState, type FormEvent } from 'react';
import { storeToken } from '../api.js';
import { useLabels } from '../labels.js';

interface TokenFormProps {
  message: string;
  onSubmitted(): void;
}

/** Asks for the editor token when the server requires one (RINGBACK_EDITOR_TOKEN is set). */
export function TokenForm({ message, onSubmitted }: TokenFormProps) {
  const labels = useLabels();
  const id = useId();
  const [token, setToken] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    storeToken(token.trim());
    onSubmitted();
  };

  return (
    <form className="token-form" onSubmit={submit}>
      <p>{message}</p>
      <label htmlFor={id}>{labels.token}</label>
      <input
        id={id}
        type="password"
        autoComplete="off"
        value={token}
        onChange={(event) => setToken(event.target.value)}
      />
      <button type="submit" className="primary">
        {labels.useToken}
      </button>
    </form>
  );
}
