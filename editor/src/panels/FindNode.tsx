import { useId, useState, type FormEvent } from 'react';
import { useLabels } from '../labels.js';
import { NODE_KINDS } from '../nodes/index.js';
import type { GraphNode } from '../nodes/spec.js';

const kindLabels = new Map(NODE_KINDS.map((spec) => [spec.kind, spec.label]));

interface FindNodeProps {
  nodes: GraphNode[];
  onFound(id: string): void;
}

/** Finds and selects a node by its name, for graphs too tall to scan by eye. */
export function FindNode({ nodes, onFound }: FindNodeProps) {
  const labels = useLabels();
  const id = useId();
  const [query, setQuery] = useState('');
  const [notFound, setNotFound] = useState(false);

  const find = (text: string) => {
    const query = text.trim().toLowerCase();
    if (query === '') return false;
    const exact = nodes.find((node) => node.data.title.toLowerCase() === query);
    const partial = nodes.find((node) => node.data.title.toLowerCase().includes(query));
    const match = exact ?? partial;
    if (match) onFound(match.id);
    return match !== undefined;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotFound(!find(query));
  };
  const onChange = (text: string) => {
    setQuery(text);
    setNotFound(false);
    // Picking an entry of the suggestion list selects it at once.
    if (nodes.some((node) => node.data.title === text)) find(text);
  };

  return (
    <form role="search" className="find-node" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {labels.findNode}
      </label>
      <input
        id={id}
        type="search"
        list={`${id}-names`}
        placeholder={labels.findNode}
        value={query}
        aria-invalid={notFound}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={`${id}-names`}>
        {nodes.map((node) => (
          <option key={node.id} value={node.data.title}>
            {kindLabels.get(node.type ?? '') ?? node.type}
          </option>
        ))}
      </datalist>
      {notFound && <span className="field-error">No node named {query}</span>}
    </form>
  );
}
