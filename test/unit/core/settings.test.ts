import { describe, expect, it } from 'vitest';
import { applySettingsPatch, DEFAULT_SETTINGS, GONE_QUIET_CHOICES, settingsFromValues } from '../../../src/core/settings';

describe('the gone-quiet period setting', () => {
  it('is 60 days by default, and the settings page offers 30, 60, 90, 180 days or never', () => {
    expect(DEFAULT_SETTINGS.goneQuietDays).toBe(60);
    expect(GONE_QUIET_CHOICES).toEqual([30, 60, 90, 180, null]);
  });

  it('keeps a stored period or never, and falls back to 60 for a damaged value', () => {
    expect(settingsFromValues({ goneQuietDays: 90 }).goneQuietDays).toBe(90);
    expect(settingsFromValues({ goneQuietDays: null }).goneQuietDays).toBeNull();
    expect(settingsFromValues({ goneQuietDays: 'soon' }).goneQuietDays).toBe(60);
    expect(settingsFromValues({ goneQuietDays: -5 }).goneQuietDays).toBe(60);
    expect(settingsFromValues({}).goneQuietDays).toBe(60);
  });

  it('accepts a new period or never from the settings page, and refuses nonsense by name', () => {
    expect(applySettingsPatch(DEFAULT_SETTINGS, { goneQuietDays: 180 }).goneQuietDays).toBe(180);
    expect(applySettingsPatch(DEFAULT_SETTINGS, { goneQuietDays: null }).goneQuietDays).toBeNull();
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { goneQuietDays: 0 })).toThrow(/goneQuietDays/);
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { goneQuietDays: 2.5 })).toThrow(/goneQuietDays/);
  });
});

describe('the list chips setting', () => {
  it('is on for both sites by default, and a stored value is taken per site', () => {
    expect(DEFAULT_SETTINGS.listChips).toEqual({ gmail: true, linkedin: true });
    expect(settingsFromValues({ listChips: { gmail: false } }).listChips).toEqual({ gmail: false, linkedin: true });
  });

  it('ignores a damaged stored value and refuses a bad patch, naming the field', () => {
    expect(settingsFromValues({ listChips: 'off' }).listChips).toEqual({ gmail: true, linkedin: true });
    expect(settingsFromValues({ listChips: { gmail: 'no' } }).listChips.gmail).toBe(true);
    const current = settingsFromValues({});
    expect(applySettingsPatch(current, { listChips: { linkedin: false } }).listChips).toEqual({ gmail: true, linkedin: false });
    expect(() => applySettingsPatch(current, { listChips: { gmail: 'yes' as unknown as boolean } })).toThrow('listChips.gmail');
    expect(() => applySettingsPatch(current, { listChips: null as unknown as { gmail: boolean } })).toThrow('listChips');
    // The current settings are never changed by a patch.
    expect(current.listChips).toEqual({ gmail: true, linkedin: true });
  });
});
