/** Daily visit quota per app (China-time days) and the optional per-second rate limit. */

export class Quota {
	private readonly used = new Map<string, { day: string; used: number }>();
	private readonly recent = new Map<string, number[]>();

	constructor(
		private readonly daily: number,
		private readonly perSecond: number,
	) {}

	private entry(appId: string, day: string): { day: string; used: number } {
		let entry = this.used.get(appId);
		if (!entry || entry.day !== day) {
			entry = { day, used: 0 };
			this.used.set(appId, entry);
		}
		return entry;
	}

	/** Counts one visit; false when the day's visits are used up (the refused call is not counted). */
	take(appId: string, day: string): boolean {
		const entry = this.entry(appId, day);
		if (entry.used >= this.daily) return false;
		entry.used++;
		return true;
	}

	remaining(appId: string, day: string): number {
		return Math.max(0, this.daily - this.entry(appId, day).used);
	}

	setRemaining(appId: string, day: string, remaining: number): void {
		this.entry(appId, day).used = this.daily - Math.max(0, remaining);
	}

	reset(): void {
		this.used.clear();
		this.recent.clear();
	}

	/**
	 * True when the app already made `perSecond` calls in the last second (real time, not the simulator's clock,
	 * so a frozen test clock does not block forever). Refused calls do not count towards the window.
	 */
	tooFast(appId: string, realNowMs: number): boolean {
		if (this.perSecond <= 0) return false;
		let times = this.recent.get(appId);
		if (!times) this.recent.set(appId, (times = []));
		while (times.length && times[0] <= realNowMs - 1000) times.shift();
		if (times.length >= this.perSecond) return true;
		times.push(realNowMs);
		return false;
	}
}
