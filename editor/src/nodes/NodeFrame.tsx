import { Handle, Position } from '@xyflow/react';
import type { ReactNode } from 'react';
import { useLabels } from '../labels.js';
import type { BaseNodeData } from './spec.js';

interface NodeFrameProps {
  kind: string;
  data: BaseNodeData;
  /** Small line above the title, such as the rule file. */
  eyebrow?: string;
  hasInput?: boolean;
  hasOutput?: boolean;
  children?: ReactNode;
}

/** The frame every node kind draws in: heading, problem badge, try-it mark and handles. */
export function NodeFrame({
  kind,
  data,
  eyebrow,
  hasInput = true,
  hasOutput = true,
  children,
}: NodeFrameProps) {
  const labels = useLabels();
  const classes = ['graph-node', `graph-node-${kind}`];
  if (data.mark) classes.push(`mark-${data.mark}`);
  if (data.problems.length > 0) classes.push('has-problems');

  return (
    <div className={classes.join(' ')} data-testid={`node-${kind}`}>
      {hasInput && <Handle type="target" position={Position.Left} isConnectable={false} />}
      <div className="graph-node-heading">
        {eyebrow && <span className="graph-node-eyebrow">{eyebrow}</span>}
        <strong className="graph-node-title">{data.title}</strong>
        {data.problems.length > 0 && (
          <span
            className="problem-badge"
            title={data.problems.map((problem) => problem.message).join('\n')}
          >
            {labels.problemCount(data.problems.length)}
          </span>
        )}
        {data.mark === 'fired' && <span className="mark-badge">fired</span>}
        {data.mark === 'chosen' && <span className="mark-badge">chosen</span>}
      </div>
      {children}
      {data.problems.length > 0 && (
        <ul className="graph-node-problems">
          {data.problems.slice(0, 2).map((problem, index) => (
            <li key={index}>
              <code>{problem.code}</code> {problem.path || '/'}
            </li>
          ))}
        </ul>
      )}
      {hasOutput && <Handle type="source" position={Position.Right} isConnectable={false} />}
    </div>
  );
}
