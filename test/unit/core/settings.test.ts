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
