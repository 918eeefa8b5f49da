import { helpFor, type ShownProblem } from '../problems.js';

interface ProblemListProps {
  problems: ShownProblem[];
  /** Node that shows each problem, if any, so a click can select it. */
  nodeOf(problem: ShownProblem): string | undefined;
  onSelectNode(id: string): void;
}

/** Lists every problem of the files being edited, with its stable code, file and JSON path. */
export function ProblemList({ problems, nodeOf, onSelectNode }: ProblemListProps) {
  if (problems.length === 0)
    return <p className="all-clear">No problems: the rule files pass every check.</p>;

  return (
    <ul className="problem-list">
      {problems.map((problem, index) => {
        const help = helpFor(problem.code);
        const nodeId = nodeOf(problem);
        return (
          <li key={index} className="problem" data-code={problem.code}>
            <div>
              <code className="problem-code" title={help.title}>
                {problem.code}
              </code>{' '}
              <span className="mono">
                {problem.file}
                {problem.path && ` ${problem.path}`}
              </span>
            </div>
            <p>{problem.message}</p>
            <p className="hint">{help.fix}</p>
            {nodeId && (
              <button type="button" className="link" onClick={() => onSelectNode(nodeId)}>
                Show in graph
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
