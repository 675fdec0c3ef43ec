// Loud but scrubbed: errors are logged with their kind and a message whose quoted parts are cut, so no message body,
// subject or name read from a page ever reaches a log.
export function scrubbed(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const text = error instanceof Error ? error.message : String(error);
  return `${name}: ${text.replace(/(["'`«“]).*?(["'`»”])/g, '$1…$2').slice(0, 300)}`;
}

export function reportError(where: string, error: unknown): void {
  console.error(`[Turnkeeper] ${where}: ${scrubbed(error)}`);
}
