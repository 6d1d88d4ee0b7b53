/**
 * The campaign's secret scan: everything a run produced (output items, error messages and descriptions, log
 * lines, editor messages) is kept, and every secret and token the simulators issued is looked for in all of it.
 */
const seen: string[] = [];
const secrets = new Set<string>();

export function recordSecrets(produced: unknown[], newSecrets: string[] = []): void {
	for (const p of produced) seen.push(typeof p === 'string' ? p : JSON.stringify(p));
	for (const s of newSecrets) secrets.add(s);
}

export function leakedSecrets(): string[] {
	const text = seen.join('\n');
	return [...secrets].filter((s) => s.length >= 8 && text.includes(s));
}

export function scannedVolume(): { texts: number; secrets: number } {
	return { texts: seen.length, secrets: secrets.size };
}
