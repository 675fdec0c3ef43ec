import { describe, expect, it } from 'vitest';
import { commandFor, KEYMAP, moveSelection } from '../../../../src/ui/dashboard/keyboard';
import locale from '../../../../public/_locales/en/messages.json';

describe('the keyboard map', () => {
  it('maps the Gmail-style keys', () => {
    const cmd = (key: string) => commandFor({ key }).command;
    expect([cmd('j'), cmd('ArrowDown'), cmd('k'), cmd('ArrowUp')]).toEqual(['next', 'next', 'prev', 'prev']);
    expect([cmd('Enter'), cmd('o'), cmd('/'), cmd('?'), cmd('Escape')]).toEqual(['open', 'open', 'search', 'help', 'escape']);
    expect(['1', '2', '3', '4'].map(cmd)).toEqual(['preset-1', 'preset-2', 'preset-3', 'preset-4']);
    expect([cmd('m'), cmd('r'), cmd('d'), cmd('e'), cmd('f')]).toEqual(['remind-menu', 'rest', 'done', 'done', 'filter']);
    expect(cmd('x')).toBeNull();
  });

  it('does nothing while typing in a field, except Escape', () => {
    expect(commandFor({ key: 'j', inTextField: true }).command).toBeNull();
    expect(commandFor({ key: '/', inTextField: true }).command).toBeNull();
    expect(commandFor({ key: 'Escape', inTextField: true }).command).toBe('escape');
  });

  it('leaves browser shortcuts alone', () => {
    expect(commandFor({ key: 'd', ctrlKey: true }).command).toBeNull();
    expect(commandFor({ key: 'r', metaKey: true }).command).toBeNull();
    expect(commandFor({ key: 'f', altKey: true }).command).toBeNull();
  });

  it('understands g-sequences', () => {
    const first = commandFor({ key: 'g' });
    expect(first).toEqual({ command: null, pendingG: true });
    expect(commandFor({ key: 's', afterG: true }).command).toBe('go-settings');
    expect(commandFor({ key: 'i', afterG: true }).command).toBe('go-lists');
    expect(commandFor({ key: 'j', afterG: true }).command).toBe('next');
    expect(commandFor({ key: 's' }).command).toBeNull();
  });

  it('documents every shortcut with an English text', () => {
    for (const entry of KEYMAP) expect((locale as Record<string, { message: string }>)[entry.label]?.message).toBeTruthy();
  });

  it('moves the selection within the list', () => {
    expect(moveSelection(-1, 1, 3)).toBe(0);
    expect(moveSelection(-1, -1, 3)).toBe(2);
    expect(moveSelection(0, -1, 3)).toBe(0);
    expect(moveSelection(2, 1, 3)).toBe(2);
    expect(moveSelection(1, 1, 3)).toBe(2);
    expect(moveSelection(0, 1, 0)).toBe(-1);
  });
});
