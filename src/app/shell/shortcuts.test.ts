import { describe, expect, it } from 'vitest';
import { shortcutFor, SHORTCUTS, type KeyPress } from './shortcuts.ts';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  focus: 'none',
  ...more,
});

describe('keyboard shortcuts', () => {
  it('maps the documented keys', () => {
    expect(shortcutFor(press(' '))).toBe('toggle-play');
    expect(shortcutFor(press('ArrowRight'))).toBe('step');
    expect(shortcutFor(press('ArrowRight', { shiftKey: true }))).toBe('step-scenario');
    expect(shortcutFor(press('ArrowLeft'))).toBe('step-back');
    expect(shortcutFor(press('Home'))).toBe('rewind');
    expect(shortcutFor(press('?', { shiftKey: true }))).toBe('toggle-sheet');
    expect(shortcutFor(press('Escape'))).toBe('clear-selection');
    expect(shortcutFor(press('t'))).toBe('toggle-theme');
    expect(shortcutFor(press('x'))).toBeNull();
  });

  it('leaves keys to what has focus, and to the browser', () => {
    expect(shortcutFor(press(' ', { focus: 'text' }))).toBeNull();
    expect(shortcutFor(press('t', { focus: 'text' }))).toBeNull();
    expect(shortcutFor(press(' ', { focus: 'checkbox' }))).toBeNull();
    expect(shortcutFor(press('ArrowLeft', { focus: 'checkbox' }))).toBe('step-back');
    expect(shortcutFor(press('ArrowLeft', { focus: 'arrows' }))).toBeNull();
    expect(shortcutFor(press('?', { focus: 'arrows', shiftKey: true }))).toBe('toggle-sheet');
    expect(shortcutFor(press('ArrowRight', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('t', { metaKey: true }))).toBeNull();
  });

  it('plays or pauses with Space on a focused button, slider, tab or select: the last clicked button never takes it', () => {
    for (const focus of ['none', 'arrows'] as const) expect(shortcutFor(press(' ', { focus }))).toBe('toggle-play');
  });

  it('in present mode, steps with a clicker’s PageDown and PageUp, and leaves with Esc', () => {
    expect(shortcutFor(press('PageDown'), true)).toBe('next-scenario-step');
    expect(shortcutFor(press('PageUp'), true)).toBe('previous-step');
    expect(shortcutFor(press('Escape'), true)).toBe('leave-present');
    expect(shortcutFor(press('f'), true)).toBe('fullscreen');
    expect(shortcutFor(press('PageDown', { focus: 'text' }), true)).toBeNull();
  });

  it('leaves PageDown and PageUp to scroll the page outside present mode', () => {
    expect(shortcutFor(press('PageDown'))).toBeNull();
    expect(shortcutFor(press('PageUp'))).toBeNull();
    expect(shortcutFor(press('p'))).toBe('toggle-present');
    expect(shortcutFor(press('F'))).toBe('fullscreen');
  });

  it('lists each action once on the sheet', () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
  });
});
