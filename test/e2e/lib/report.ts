/** Step logging with timings, and the pass/fail tally behind the final "e2e: N passed, M failed" line. */

const started = Date.now();

function stamp(): string {
	return `[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s]`;
}

export function log(message: string): void {
	console.log(`${stamp()} ${message}`);
}

/** Set on SIGINT/SIGTERM: the remaining steps are not started. */
export const control = { interrupted: false };

export const tally = {
	passed: 0,
	failed: 0,
	skipped: 0,
	failures: [] as string[],
	timings: [] as Array<{ step: string; seconds: number; ok: boolean }>,
};

/** One assertion: counted, printed, never thrown (so every check of a section reports). */
export function check(name: string, ok: boolean, detail?: unknown): boolean {
	if (ok) {
		tally.passed++;
		log(`  ✓ ${name}`);
	} else {
		tally.failed++;
		const text =
			detail === undefined ? '' : ` — ${typeof detail === 'string' ? detail : JSON.stringify(detail)?.slice(0, 600)}`;
		tally.failures.push(`${name}${text}`);
		log(`  ✗ ${name}${text}`);
	}
	return ok;
}

export function equal(name: string, actual: unknown, expected: unknown): boolean {
	const same = JSON.stringify(actual) === JSON.stringify(expected);
	return check(name, same, same ? undefined : { expected, actual });
}

export function skip(name: string, why: string): void {
	tally.skipped++;
	log(`  - skipped: ${name} (${why})`);
}

/**
 * Runs one step with a heading and its duration. A failing step is counted as a failed check; `fatal` steps
 * rethrow so that nothing depending on them runs.
 */
export async function step<T>(
	name: string,
	fn: () => Promise<T>,
	options: { fatal?: boolean } = {},
): Promise<T | undefined> {
	if (control.interrupted) throw new Error(`interrupted before "${name}"`);
	log(`▶ ${name}`);
	const t0 = Date.now();
	try {
		const result = await fn();
		const seconds = (Date.now() - t0) / 1000;
		tally.timings.push({ step: name, seconds, ok: true });
		log(`◀ ${name} (${seconds.toFixed(1)}s)`);
		return result;
	} catch (error) {
		const seconds = (Date.now() - t0) / 1000;
		tally.timings.push({ step: name, seconds, ok: false });
		check(`${name}: completes`, false, error instanceof Error ? (error.stack ?? error.message) : String(error));
		log(`◀ ${name} FAILED (${seconds.toFixed(1)}s)`);
		if (options.fatal) throw error;
		return undefined;
	}
}

export function elapsedSeconds(): number {
	return (Date.now() - started) / 1000;
}
