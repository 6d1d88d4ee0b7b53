import { MAX_CONCURRENCY } from '../paging';
import { UdidApiError, UdidTransportError } from './errors';

/**
 * Adaptive concurrency: how many pages one credential may have in flight, learned from the answers (AIMD, as in
 * TCP). It starts low, adds one after every healthy window (as many healthy answers as the current level, while
 * the level was actually used), and halves on a sign of overload (code 10, HTTP 429/503, a reset or timeout).
 * A jump in latency lowers it by a quarter. After an overload the level that failed is a ceiling for a while
 * (the hold doubles with every failed probe), so a server that allows 4 in flight is not hit at 5 every few
 * windows. One controller per credential for the whole process: executions running at once share it.
 */

export type AttemptOutcome = 'healthy' | 'overloaded' | 'neutral';

/** What paging needs from a shared budget: the level to plan with, and a slot per page in flight. */
export interface ConcurrencyBudget {
	/** Pages that may be in flight now (1..max). */
	readonly level: number;
	/** The highest level reached so far. */
	readonly peak: number;
	/** Resolves with a release function once a slot is free; rejects when `signal` aborts first. */
	acquire(signal?: AbortSignal): Promise<() => void>;
}

/** One HTTP attempt being observed; `end` says whether this answer lowered the level. */
export interface ObservedAttempt {
	end(outcome: AttemptOutcome): boolean;
}

export interface LevelChange {
	from: number;
	to: number;
	reason: 'healthy window' | 'overload' | 'latency' | 'idle';
}

export interface AdaptiveConcurrencyOptions {
	/** Level to start from (and to fall back to after a long idle time). Default 2. */
	initial?: number;
	/** The cap; default MAX_CONCURRENCY of paging (8). */
	max?: number;
	/** Monotonic milliseconds; injectable for tests. */
	now?: () => number;
	/** How long a failed level stays a ceiling after the first overload; doubles per failed probe. Default 10 s. */
	holdMs?: number;
	maxHoldMs?: number;
	onChange?: (change: LevelChange) => void;
}

const DEFAULT_INITIAL = 2;
const OVERLOAD_FACTOR = 0.5;
const LATENCY_FACTOR = 0.75;
/** A window whose mean latency is this many times the baseline, and at least LATENCY_FLOOR_MS above it. */
const LATENCY_JUMP = 2;
const LATENCY_FLOOR_MS = 50;
/** How far the baseline follows a slower mean per window, so a server that became slower for good is re-learned. */
const BASELINE_DRIFT = 0.1;
const DEFAULT_HOLD_MS = 10_000;
const DEFAULT_MAX_HOLD_MS = 300_000;
/** After this long without any attempt the level restarts from `initial`: conditions may have changed. */
const IDLE_RESET_MS = 60_000;

/** Which outcome a failed attempt counts as: overload for code 10, HTTP 429/503, resets and timeouts. */
export function classifyAttempt(error: unknown): AttemptOutcome {
	if (error instanceof UdidApiError) return error.returnCode === 10 ? 'overloaded' : 'neutral';
	if (error instanceof UdidTransportError) {
		if (error.failure === 'http')
			return error.httpStatus === 429 || error.httpStatus === 503 ? 'overloaded' : 'neutral';
		return error.failure === 'network' || error.failure === 'timeout' ? 'overloaded' : 'neutral';
	}
	return 'neutral';
}

export class AdaptiveConcurrency implements ConcurrencyBudget {
	private current: number;
	private highest: number;
	private readonly initial: number;
	private readonly max: number;
	private readonly now: () => number;
	private leased = 0;
	private readonly waiters: Array<() => void> = [];
	/**
	 * Bumped on every decrease: answers to attempts begun before it neither lower the level again (one burst of
	 * overload lowers it once) nor count towards growth. Growth counts every later healthy answer, as TCP does.
	 */
	private decreaseEpoch = 0;
	/** The epoch whose overload caused the last decrease: its further overload answers lower the ceiling. */
	private burstEpoch = -1;
	private windowHealthy = 0;
	private windowLatencySum = 0;
	private windowSaturated = false;
	private baselineMs?: number;
	private ceiling?: number;
	private holdUntil = 0;
	private readonly initialHoldMs: number;
	private readonly maxHoldMs: number;
	private holdMs: number;
	private lastActivity: number;
	private readonly onChange?: (change: LevelChange) => void;

	constructor(options: AdaptiveConcurrencyOptions = {}) {
		this.max = Math.max(1, Math.floor(options.max ?? MAX_CONCURRENCY));
		this.initial = Math.min(this.max, Math.max(1, Math.floor(options.initial ?? DEFAULT_INITIAL)));
		this.current = this.highest = this.initial;
		this.now = options.now ?? (() => performance.now());
		this.initialHoldMs = this.holdMs = options.holdMs ?? DEFAULT_HOLD_MS;
		this.maxHoldMs = options.maxHoldMs ?? DEFAULT_MAX_HOLD_MS;
		this.lastActivity = this.now();
		this.onChange = options.onChange;
	}

	get level(): number {
		return this.current;
	}

	get peak(): number {
		return this.highest;
	}

	/** Slots taken by paging right now. */
	get inFlight(): number {
		return this.leased;
	}

	acquire(signal?: AbortSignal): Promise<() => void> {
		if (signal?.aborted) return Promise.reject(signal.reason);
		this.wakeFromIdle();
		return new Promise((resolve, reject) => {
			const grant = () => {
				signal?.removeEventListener('abort', onAbort);
				this.leased++;
				if (this.leased >= this.current) this.windowSaturated = true;
				let released = false;
				resolve(() => {
					if (released) return;
					released = true;
					this.leased--;
					this.grantWaiting();
				});
			};
			const onAbort = () => {
				const at = this.waiters.indexOf(grant);
				if (at >= 0) this.waiters.splice(at, 1);
				reject(signal!.reason);
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.waiters.push(grant);
			this.grantWaiting();
		});
	}

	/** Starts observing one HTTP attempt (any caller, governed by this budget or not). */
	begin(): ObservedAttempt {
		this.wakeFromIdle();
		const startedAt = this.now();
		const decreaseEpoch = this.decreaseEpoch;
		let ended = false;
		return {
			end: (outcome) => {
				if (ended) return false;
				ended = true;
				const at = this.now();
				this.lastActivity = at;
				if (outcome === 'overloaded') {
					if (decreaseEpoch === this.decreaseEpoch) return this.overloaded(at);
					if (decreaseEpoch === this.burstEpoch) this.lowerCeiling();
					return false;
				}
				if (outcome === 'healthy' && decreaseEpoch === this.decreaseEpoch) this.healthy(at - startedAt, at);
				return false;
			},
		};
	}

	private grantWaiting(): void {
		while (this.waiters.length > 0 && this.leased < this.current) this.waiters.shift()!();
	}

	private healthy(latencyMs: number, at: number): void {
		this.windowHealthy++;
		this.windowLatencySum += latencyMs;
		if (this.windowHealthy < this.current) return;
		const mean = this.windowLatencySum / this.windowHealthy;
		const baseline = this.baselineMs;
		if (baseline !== undefined && mean > baseline * LATENCY_JUMP && mean - baseline > LATENCY_FLOOR_MS) {
			this.baselineMs = baseline + (mean - baseline) * BASELINE_DRIFT;
			this.setLevel(Math.min(this.current - 1, Math.floor(this.current * LATENCY_FACTOR)), 'latency');
			return;
		}
		this.baselineMs = baseline === undefined || mean < baseline ? mean : baseline + (mean - baseline) * BASELINE_DRIFT;
		const saturated = this.windowSaturated;
		this.resetWindow();
		if (!saturated) return; // the level was not used: an answer at 2 in flight says nothing about 3
		if (this.ceiling !== undefined && this.current >= this.ceiling) {
			// the probe at the old ceiling came back healthy: the limit moved, forget it
			this.ceiling = undefined;
			this.holdMs = this.initialHoldMs;
		}
		const blocked = this.ceiling !== undefined && this.current + 1 >= this.ceiling && at < this.holdUntil;
		if (!blocked && this.current < this.max) this.setLevel(this.current + 1, 'healthy window');
	}

	private overloaded(at: number): boolean {
		const failed = this.current;
		this.burstEpoch = this.decreaseEpoch;
		if (this.ceiling !== undefined && failed >= this.ceiling) this.holdMs = Math.min(this.holdMs * 2, this.maxHoldMs);
		this.ceiling = failed;
		this.holdUntil = at + this.holdMs;
		const next = Math.floor(failed * OVERLOAD_FACTOR);
		if (failed <= 1) {
			this.decreaseEpoch++; // nothing lower to go to; still start a new window
			this.resetWindow();
			return false;
		}
		this.setLevel(next, 'overload');
		return true;
	}

	/**
	 * One more answer of the burst that caused the decrease was an overload too: with L in flight and n refused,
	 * the server allows about L - n, so each further refusal moves the ceiling down by one.
	 */
	private lowerCeiling(): void {
		if (this.ceiling !== undefined && this.ceiling > 2) this.ceiling--;
	}

	private setLevel(level: number, reason: LevelChange['reason']): void {
		const to = Math.min(this.max, Math.max(1, level));
		const from = this.current;
		this.current = to;
		this.highest = Math.max(this.highest, to);
		if (to < from) this.decreaseEpoch++;
		this.resetWindow();
		if (to !== from) this.onChange?.({ from, to, reason });
		this.grantWaiting();
	}

	private resetWindow(): void {
		this.windowHealthy = 0;
		this.windowLatencySum = 0;
		this.windowSaturated = this.leased >= this.current;
	}

	private wakeFromIdle(): void {
		const at = this.now();
		if (at - this.lastActivity > IDLE_RESET_MS && this.leased === 0 && this.current > this.initial) {
			this.setLevel(this.initial, 'idle');
		}
		this.lastActivity = at;
	}
}

/** One controller per credential (base URL + appId) for the whole process, like the token cache. */
export class ConcurrencyRegistry {
	private readonly byCredential = new Map<string, AdaptiveConcurrency>();

	constructor(private readonly options: AdaptiveConcurrencyOptions = {}) {}

	for(baseUrl: string, appId: string): AdaptiveConcurrency {
		const key = `${baseUrl.replace(/\/+$/, '')}|${appId}`;
		let controller = this.byCredential.get(key);
		if (!controller) this.byCredential.set(key, (controller = new AdaptiveConcurrency(this.options)));
		return controller;
	}
}

export const processConcurrency = new ConcurrencyRegistry();
