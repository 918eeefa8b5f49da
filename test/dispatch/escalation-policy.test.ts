import { describe, expect, it } from 'vitest';
import {
  ackTimeoutFor,
  DEFAULT_ESCALATION_POLICY,
  escalationPolicy,
  EscalationPolicyError,
  readTechnicianReply,
} from '../../worker/escalation.ts';
import { RulesStore } from '../../worker/rules-store.ts';
import { loadSettings } from '../../worker/settings.ts';

const files = new RulesStore().current().bundle.files;

describe('escalation policy', () => {
  it('loads rules/escalation.json with every template it names', () => {
    const policy = escalationPolicy(files);
    expect(policy.chain.map((step) => step.role)).toEqual(['onCall', 'backup', 'owner']);
    expect(policy.chain[0].notice).toBe('dispatch_notice');
    expect(policy.openFor).toBe('12h');
    expect(policy.rounds).toBe(2);
    expect(policy.templates.repeat).toBe('dispatch_escalation');
  });

  it('walks the chain once when rounds is not set', () => {
    const { rounds: _, ...once } = files['escalation.json'] as Record<string, unknown>;
    expect(escalationPolicy({ ...files, 'escalation.json': once }).rounds).toBe(1);
  });

  it('rejects rounds out of range by schema', () => {
    const policy = { ...(files['escalation.json'] as object), rounds: 0 };
    const check = () => escalationPolicy({ ...files, 'escalation.json': policy });
    expect(check).toThrow('/rounds');
  });

  it('applies the default policy without escalation.json', () => {
    const { 'escalation.json': _, ...withoutPolicy } = files;
    expect(escalationPolicy(withoutPolicy)).toBe(DEFAULT_ESCALATION_POLICY);
  });

  it('rejects a template missing from templates.json with its path', () => {
    const policy = {
      chain: [{ role: 'onCall', notice: 'dispatch_page' }],
      templates: { taken: 'job_taken' },
    };
    const check = () => escalationPolicy({ ...files, 'escalation.json': policy });
    expect(check).toThrow(EscalationPolicyError);
    const undefinedIn = 'is not defined in templates.json';
    expect(check).toThrow(`/chain/0/notice: template 'dispatch_page' ${undefinedIn}`);
    expect(check).toThrow(`/templates/taken: template 'job_taken' ${undefinedIn}`);
  });

  it('rejects an unknown role by schema', () => {
    const policy = { chain: [{ role: 'dispatcher', notice: 'dispatch_notice' }] };
    const check = () => escalationPolicy({ ...files, 'escalation.json': policy });
    expect(check).toThrow('/chain/0/role');
  });

  it('takes the acknowledgement timeout from timers.techAck unless the urgency sets one', () => {
    const settings = loadSettings();
    const policy = escalationPolicy(files);
    expect(ackTimeoutFor(policy, 'gas', settings)).toBe('15m');
    const slower = { ...settings, timers: { techAck: '20m' } };
    expect(ackTimeoutFor(policy, 'emergency', slower)).toBe('20m');
    const faster = { ...policy, ackTimeout: { gas: '5m' } };
    expect(ackTimeoutFor(faster, 'gas', settings)).toBe('5m');
    expect(ackTimeoutFor(faster, 'emergency', settings)).toBe('15m');
  });
});

describe('technician replies', () => {
  const policy = escalationPolicy(files);
  const cases: [string, string][] = [
    ['ok', 'acknowledge'],
    ['OK!', 'acknowledge'],
    ['Okay', 'acknowledge'],
    ['1', 'acknowledge'],
    ['on it', 'acknowledge'],
    ['On it, 20 min out', 'acknowledge'],
    ['yes', 'acknowledge'],
    ['omw', 'acknowledge'],
    ['ok no problem', 'acknowledge'],
    ['called', 'called'],
    ['Called them, heading over', 'called'],
    ['ok called the customer', 'called'],
    ['not called yet', 'other'],
    ["can't, I'm on another job", 'other'],
    ['no', 'other'],
    ['book it for tomorrow', 'other'],
    ['who is this?', 'other'],
    ['10', 'other'],
    ["can't make it after all, truck broke down", 'release'],
    ['Cannot make it', 'release'],
    ["I'll pass", 'release'],
    ['give it to someone else', 'release'],
    ['ok but I cant get there for 2 hours', 'other'],
  ];

  it.each(cases)('reads %j as %s', (text, intent) => {
    expect(readTechnicianReply(text, policy)).toBe(intent);
  });
});
