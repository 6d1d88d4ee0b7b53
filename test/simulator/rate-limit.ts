/**
 * Rate limiting for tests and the bench, on top of the per-app `rateLimitPerSecond`: the server answers code 10
 * (访问过于频繁) to a token or data call when `maxInFlight` admitted calls are still being answered, or when
 * `perSecond` calls were admitted in the last second (real clock). Refused calls count for neither limit, like
 * a gateway that rejects before the application sees the request.
 */
import type { ServerResponse } from 'node:http';

export interface RateLimitOptions {
	/** Admitted calls being answered at once above which the next one gets code 10; 0 or absent = no limit. */
	maxInFlight?: number;
	/** Admitted calls per rolling second above which the next one gets code 10; 0 or absent = no limit. */
	perSecond?: number;
}

export class RateLimitGate {
	private inFlight = 0;
	private readonly admittedAt: number[] = [];
	/** Calls answered 10 by this gate. */
	refused = 0;
	/** The most calls it ever had in flight at once. */
	peakInFlight = 0;

	constructor(private readonly options: RateLimitOptions = {}) {}

	/** True when the call may go on; then it counts as in flight until its answer is sent. False: answer code 10. */
	admit(res: ServerResponse, nowMs = Date.now()): boolean {
		const { maxInFlight = 0, perSecond = 0 } = this.options;
		while (this.admittedAt.length && this.admittedAt[0] <= nowMs - 1000) this.admittedAt.shift();
		if ((maxInFlight > 0 && this.inFlight >= maxInFlight) || (perSecond > 0 && this.admittedAt.length >= perSecond)) {
			this.refused++;
			return false;
		}
		if (perSecond > 0) this.admittedAt.push(nowMs);
		this.inFlight++;
		this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
		// in flight until the answer is handed to the socket ('finish'), or the client went away ('close'): counting
		// until 'close' would refuse a client that sends its next call as soon as it has read this answer
		let done = false;
		const leave = () => {
			if (done) return;
			done = true;
			this.inFlight--;
		};
		res.once('finish', leave);
		res.once('close', leave);
		return true;
	}
}
