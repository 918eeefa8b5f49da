import { describe, expect, it } from 'vitest';

import {
  measureSms,
  OPT_OUT_FOOTER,
  renderTemplate,
  templateVariables,
} from '../../engine/index.ts';
import { repoBundle } from './rules-fixture.ts';

const vars = {
  company: {
    name: 'Apex Plumbing',
    phone: '(312) 555-0100',
    hours: 'Mon-Fri 7am-6pm, Sat 8am-2pm',
    gasEmergencyLine: 'Peoples Gas at 866-556-6002',
  },
  jobLabel: 'a water heater issue',
  voicemail: 'water heater leaking in the garage',
};

const REQUIRED_TEMPLATES = [
  'opening_open',
  'opening_after_hours',
  'opening_holiday',
  'opening_open_voicemail',
  'opening_after_hours_voicemail',
  'opening_holiday_voicemail',
  'gas_safety',
  'active_leak',
  'sewer_backup',
  'non_emergency',
  'optout_confirmation',
  'help',
  'resubscribed',
  'follow_up',
];

describe('templates.json', () => {
  it.each(REQUIRED_TEMPLATES)('renders %s with the standard variables', (id) => {
    const message = renderTemplate(repoBundle(), id, vars);
    expect(message.text).not.toMatch(/\{\{|\}\}/);
    expect(message.segments).toBeGreaterThan(0);
  });

  it.each(REQUIRED_TEMPLATES.filter((id) => id.startsWith('opening_')))(
    '%s names the company and says it is automated',
    (id) => {
      const text = renderTemplate(repoBundle(), id, vars).text;
      expect(text).toContain('Apex Plumbing');
      expect(text.toLowerCase()).toContain('automated');
    },
  );

  it.each(REQUIRED_TEMPLATES.filter((id) => id.endsWith('_voicemail')))(
    '%s quotes the voicemail',
    (id) => {
      expect(renderTemplate(repoBundle(), id, vars).text).toContain(vars.voicemail);
    },
  );

  it('gas_safety sends people out and names the gas line', () => {
    const text = renderTemplate(repoBundle(), 'gas_safety', vars).text.toLowerCase();
    expect(text).toContain('leave');
    expect(text).toContain('peoples gas at 866-556-6002');
    expect(text).toContain('switch');
    expect(text).toContain('technician will call you');
  });

  it('active_leak explains the main shut-off and asks the address', () => {
    const text = renderTemplate(repoBundle(), 'active_leak', vars).text.toLowerCase();
    expect(text).toContain('main water valve');
    expect(text).toContain('meter');
    expect(text).toContain('address');
  });

  it('sewer_backup warns of the health hazard', () => {
    const text = renderTemplate(repoBundle(), 'sewer_backup', vars).text.toLowerCase();
    expect(text).toContain('health hazard');
    expect(text).toContain('children and pets');
  });

  it('non_emergency names the job and asks home or business', () => {
    const text = renderTemplate(repoBundle(), 'non_emergency', vars).text;
    expect(text).toContain('a water heater issue');
    expect(text).toContain('home or a business');
  });

  it('optout_confirmation has no opt-out footer', () => {
    const text = renderTemplate(repoBundle(), 'optout_confirmation', vars).text;
    expect(text).not.toContain(OPT_OUT_FOOTER);
    expect(text).toContain('(312) 555-0100');
    expect(text).toContain('Mon-Fri 7am-6pm, Sat 8am-2pm');
    expect(text).toContain('Thanks, Apex Plumbing');
  });

  it('ends every other template with the footer once', () => {
    for (const id of REQUIRED_TEMPLATES.filter((id) => id !== 'optout_confirmation')) {
      const text = renderTemplate(repoBundle(), id, vars).text;
      expect(text.endsWith(OPT_OUT_FOOTER), id).toBe(true);
      expect(text.split(OPT_OUT_FOOTER).length - 1, id).toBe(1);
    }
  });
});

describe('renderTemplate', () => {
  it('names a missing variable', () => {
    const { company: _company, ...rest } = vars;
    expect(() => renderTemplate(repoBundle(), 'help', rest)).toThrow(
      "renderTemplate: template 'help' uses variable 'company.name', which has no value",
    );
  });

  it('rejects an object where text belongs', () => {
    expect(() => renderTemplate(repoBundle(), 'non_emergency', { ...vars, jobLabel: {} })).toThrow(
      "variable 'jobLabel' of template 'non_emergency' is an object",
    );
  });

  it('rejects an unknown template', () => {
    expect(() => renderTemplate(repoBundle(), 'nope', vars)).toThrow(
      "template 'nope' is not defined in templates.json",
    );
  });

  it('lists the variables of a text', () => {
    expect(templateVariables('{{company.name}} at {{ company.phone }}, {{company.name}}')).toEqual([
      'company.name',
      'company.phone',
    ]);
  });
});

describe('measureSms', () => {
  it('counts one GSM-7 segment up to 160 characters', () => {
    const expected = { encoding: 'GSM-7', segments: 1, characters: 160 };
    expect(measureSms('a'.repeat(160))).toEqual(expected);
  });

  it('splits GSM-7 into 153-character segments', () => {
    expect(measureSms('a'.repeat(161)).segments).toBe(2);
    expect(measureSms('a'.repeat(306)).segments).toBe(2);
    expect(measureSms('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extension characters twice', () => {
    const text = '€'.repeat(80);
    expect(measureSms(text)).toEqual({ encoding: 'GSM-7', segments: 1, characters: 80 });
    expect(measureSms(`${text}a`).segments).toBe(2);
  });

  it('keeps an escape pair in one segment', () => {
    expect(measureSms(`${'a'.repeat(152)}€${'a'.repeat(152)}`).segments).toBe(3);
  });

  it('switches to UCS-2 for other characters', () => {
    const expected = { encoding: 'UCS-2', segments: 1, characters: 15 };
    expect(measureSms('¿Cuánto cobran?')).toEqual(expected);
    expect(measureSms('í'.repeat(70)).segments).toBe(1);
    expect(measureSms('í'.repeat(71)).segments).toBe(2);
    expect(measureSms('í'.repeat(135)).segments).toBe(3);
  });

  it('counts an emoji as two UTF-16 units', () => {
    expect(measureSms('💩'.repeat(35)).segments).toBe(1);
    expect(measureSms('💩'.repeat(36)).segments).toBe(2);
  });

  it('gives an empty text no segments', () => {
    expect(measureSms('').segments).toBe(0);
  });
});
