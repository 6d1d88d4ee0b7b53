/** Which calls get a fault: scripted ones first (injectFault), then random ones drawn from a seeded PRNG. */
import { hashString, Random } from './prng';
import type { FaultEndpoint, FaultKind, FaultOptions } from './types';

export type EndpointClass = 'connection' | 'token' | 'data';

/** What `rate` draws from when no kinds are given: the retryable faults that answer at once. */
export const DEFAULT_RANDOM_KINDS: readonly FaultKind[] = [
	'code5',
	'code6',
	'code10',
	'http502',
	'reset',
	'html',
	'truncated',
];
export const DEFAULT_SLOW_MS = 30_000;

interface Scripted {
	kind: FaultKind;
	left: number;
	endpoint: FaultEndpoint;
}

export class FaultPlan {
	private scripted: Scripted[] = [];
	private options: FaultOptions = {};
	private random!: Random;

	constructor(
		private readonly seed: number,
		options: FaultOptions,
	) {
		this.set(options);
	}

	set(options: FaultOptions): void {
		this.options = { ...options };
		this.random = new Random(hashString(`faults|${this.seed}`));
	}

	get current(): FaultOptions {
		return this.options;
	}

	get slowMs(): number {
		return this.options.slowMs ?? DEFAULT_SLOW_MS;
	}

	inject(kind: FaultKind, count: number, endpoint: FaultEndpoint): void {
		if (count > 0) this.scripted.push({ kind, left: count, endpoint });
	}

	/** The fault for the next call to an endpoint of this class, if any. */
	draw(endpoint: EndpointClass): FaultKind | undefined {
		const index = this.scripted.findIndex((s) => s.endpoint === 'any' || s.endpoint === endpoint);
		if (index >= 0) {
			const scripted = this.scripted[index];
			if (--scripted.left === 0) this.scripted.splice(index, 1);
			return scripted.kind;
		}
		const rate = this.options.rate ?? 0;
		if (rate <= 0 || endpoint === 'connection') return undefined;
		if (this.random.next() >= rate) return undefined;
		const kinds = this.options.kinds?.length ? this.options.kinds : DEFAULT_RANDOM_KINDS;
		return this.random.pick(kinds);
	}
}
