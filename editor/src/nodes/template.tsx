import type { NodeProps } from '@xyflow/react';
import { useId, useMemo, useState } from 'react';
import {
  OPT_OUT_FOOTER,
  templateVariables,
  type TemplateDefinition,
} from '../../../engine/index.js';
import { TextField } from '../fields/TextField.js';
import { useLabels } from '../labels.js';
import { getAt, removeAt, setAt, toPointer } from '../model/pointer.js';
import { previewTemplate, type TemplatePreview } from '../model/preview.js';
import {
  eventTargets,
  ruleSetFiles,
  rulesOf,
  TEMPLATES_FILE,
  templatesOf,
} from '../model/ruleModel.js';
import { useEditor } from '../state/EditorContext.js';
import { NodeFrame } from './NodeFrame.js';
import type { BaseNodeData, GraphNode, InspectorProps, NodeKindSpec } from './spec.js';

/** A message template of templates.json: the text a branch sends. */
export interface TemplateData extends BaseNodeData {
  templateId: string;
  pointer: string;
  template: Partial<TemplateDefinition>;
  /** False for templates no rule names, which the conversation sends itself (openings). */
  sentByRules: boolean;
}

function useTemplatePreview(data: TemplateData, samples?: Record<string, string>): TemplatePreview {
  const { templateVars } = useEditor();
  return useMemo(
    () => previewTemplate(data.templateId, data.template, templateVars, samples),
    [data.templateId, data.template, templateVars, samples],
  );
}

function SegmentSummary({ preview }: { preview: TemplatePreview }) {
  const labels = useLabels();
  if (!preview.rendered) return <span className="field-error">{preview.error}</span>;
  const { segments, encoding, characters } = preview.rendered;
  return (
    <span className="segments" aria-label={labels.segmentCount}>
      {segments} {segments === 1 ? 'segment' : 'segments'} · {encoding} · {characters} characters
    </span>
  );
}

/** Shows a rendered text with each unfilled unknown variable marked. */
function MarkedText({ text, unknown }: { text: string; unknown: string[] }) {
  if (unknown.length === 0) return <>{text}</>;
  const placeholders = new Set(unknown.map((name) => `{{${name}}}`));
  const parts = text.split(/(\{\{[^{}]*\}\})/u);
  return (
    <>
      {parts.map((part, index) =>
        placeholders.has(part) ? (
          <mark key={index} className="unknown-variable">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}

function TemplateNode({ data }: NodeProps<GraphNode<TemplateData>>) {
  const preview = useTemplatePreview(data);
  const text = typeof data.template.text === 'string' ? data.template.text : '';
  return (
    <NodeFrame
      kind="template"
      data={data}
      eyebrow={data.sentByRules ? 'template' : 'template · sent by the conversation'}
      hasOutput={false}
    >
      <p className="graph-node-text template-excerpt">
        {text.length > 110 ? `${text.slice(0, 110)}…` : text}
      </p>
      <p className="graph-node-text">
        <SegmentSummary preview={preview} />
        {data.template.footer === false && <span className="tag">no footer</span>}
      </p>
    </NodeFrame>
  );
}

function TemplateInspector({ data }: InspectorProps<TemplateData>) {
  const labels = useLabels();
  const { editFile } = useEditor();
  const footerId = useId();
  const [samples, setSamples] = useState<Record<string, string>>({});
  const preview = useTemplatePreview(data, samples);
  const footerOn = data.template.footer !== false;
  const text = typeof data.template.text === 'string' ? data.template.text : '';

  // The footer key is left out when on, its default, so switching it back restores the file.
  const setFooter = (on: boolean) =>
    editFile(TEMPLATES_FILE, (content) => {
      const pointer = `${data.pointer}/footer`;
      if (on) return getAt(content, pointer) === undefined ? content : removeAt(content, pointer);
      return setAt(content, pointer, false);
    });

  return (
    <div className="inspector">
      <h2>Template {data.templateId}</h2>
      <TextField
        label={labels.templateDescription}
        file={TEMPLATES_FILE}
        pointer={`${data.pointer}/description`}
      />
      <TextField
        label={labels.templateText}
        file={TEMPLATES_FILE}
        pointer={`${data.pointer}/text`}
        multiline
      />
      <p className="hint">
        Variables:{' '}
        {templateVariables(text)
          .map((name) => `{{${name}}}`)
          .join(', ') || 'none'}
      </p>
      <div className="field field-check">
        <input
          id={footerId}
          type="checkbox"
          checked={footerOn}
          onChange={(event) => setFooter(event.target.checked)}
        />
        <label htmlFor={footerId}>
          {labels.templateFooter}: end with “{OPT_OUT_FOOTER}”
        </label>
      </div>
      <h3>As sent</h3>
      <SegmentSummary preview={preview} />
      {preview.rendered && (
        <pre className="sms-preview">
          <MarkedText text={preview.rendered.text} unknown={preview.unknown} />
        </pre>
      )}
      {preview.unknown.length > 0 && (
        <p className="field-error">
          Unknown variables, left unfilled:{' '}
          {preview.unknown.map((name) => `{{${name}}}`).join(', ')}. Nothing fills them in when the
          text is sent, so fix the spelling, such as {'{{company.name}}'}.
        </p>
      )}
      {preview.sampled.length > 0 && (
        <fieldset>
          <legend>Sample values (not saved)</legend>
          {preview.sampled.map(({ name, value }) => (
            <label key={name} className="field">
              {name}
              <input
                value={value}
                onChange={(event) => setSamples({ ...samples, [name]: event.target.value })}
              />
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}

export const templateKind: NodeKindSpec<TemplateData> = {
  kind: 'template',
  label: 'Template',
  rank: 3,
  width: 280,
  estimateHeight: () => 96,
  collect(files) {
    const named = new Set(
      ruleSetFiles(files).flatMap((file) =>
        rulesOf(files, file).map((located) => eventTargets(located.rule).template),
      ),
    );
    const nodes = templatesOf(files).map(([templateId, template]) => {
      const pointer = toPointer([templateId]);
      const locations = [{ file: TEMPLATES_FILE, pointer }];
      return {
        id: `template:${templateId}`,
        data: {
          title: templateId,
          locations,
          templateId,
          pointer,
          template,
          sentByRules: named.has(templateId),
        },
      };
    });
    return { nodes, edges: [] };
  },
  mark: (data, decision) => (decision.template === data.templateId ? 'chosen' : undefined),
  Node: TemplateNode,
  Inspector: TemplateInspector,
};
