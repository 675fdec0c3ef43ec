import { gmail } from '../sites/gmail';
import { linkedin } from '../sites/linkedin';
import type { SiteAdapter } from '../sites/types';

const adapters: readonly SiteAdapter[] = [gmail, linkedin];

export function pickAdapter(url: URL): SiteAdapter | undefined {
  return adapters.find((adapter) => adapter.matches(url));
}
