import { UdidApiError, UdidTransportError } from './errors';

/** What a P002 answer tells us, already checked: code 1 (new token) or 9 (one is still valid). */
export interface TokenAnswer {
	returnCode: 1 | 9;
	accessToken?: string;
	expiresIn?: number;
	currentTime?: string;
	todayRemainVisitCount?: number;
}

export interface TokenState {
	accessToken: string;
	/** Our estimate (epoch ms); the server's code 4 is the final word. */
	expiresAt: number;
	obtainedAt: number;
	/** 'issued': a new token (code 1); 'reused': the server said one is still valid (code 9). */
	origin: 'issued' | 'reused';
	todayRemainVisitCount?: number;
	serverTime?: string;
	expiresIn?: number;
}

interface Entry {
	state?: TokenState;
	inflight?: Promise<TokenState>;
}

const SAFETY_MARGIN_MS = 60_000;
/** A code-9 answer promises more than 5 minutes of validity and nothing else. */
const REUSED_TOKEN_TTL_MS = 5 * 60_000;

/**
 * `expiresIn` has no documented unit. Seconds is what public clients assume (7200 = 2 hours); a value too large to
 * be seconds for a day-long token is taken as milliseconds. Either way code 4 from a data call triggers a refresh.
 */
export function tokenLifetimeMs(expiresIn: number | undefined): number {
	if (expiresIn === undefined || !Number.isFinite(expiresIn) || expiresIn <= 0) return REUSED_TOKEN_TTL_MS;
	const ms = expiresIn > 172_800 ? expiresIn : expiresIn * 1000;
	return Math.max(ms - SAFETY_MARGIN_MS, Math.min(ms, SAFETY_MARGIN_MS));
}

/**
 * One token per (base URL, appId, credit code) for the whole process. Concurrent callers share one in-flight
 * request; code 9 reuses the token the answer carries (or the cached one) and never asks again.
 */
export class TokenCache {
	private readonly entries = new Map<string, Entry>();

	constructor(private readonly now: () => number = Date.now) {}

	/**
	 * A usable token. `rejectedToken` is the token a data call just got code 4 for: the cache then fetches a new
	 * one, unless another caller already replaced it.
	 */
	async get(key: string, requestToken: () => Promise<TokenAnswer>, rejectedToken?: string): Promise<TokenState> {
		let entry = this.entries.get(key);
		if (!entry) {
			entry = {};
			this.entries.set(key, entry);
		}
		if (entry.inflight) return entry.inflight;
		const current = entry.state;
		if (current) {
			if (rejectedToken === undefined && this.now() < current.expiresAt) return current;
			if (rejectedToken !== undefined && current.accessToken !== rejectedToken) return current;
		}
		const pending = this.fetch(requestToken, current, rejectedToken);
		entry.inflight = pending;
		try {
			entry.state = await pending;
			return entry.state;
		} finally {
			entry.inflight = undefined;
		}
	}

	/** The cached state without asking the server (token info, tests). */
	peek(key: string): TokenState | undefined {
		return this.entries.get(key)?.state;
	}

	clear(key?: string): void {
		if (key === undefined) this.entries.clear();
		else this.entries.delete(key);
	}

	private async fetch(
		requestToken: () => Promise<TokenAnswer>,
		current: TokenState | undefined,
		rejectedToken?: string,
	): Promise<TokenState> {
		const answer = await requestToken();
		const now = this.now();
		if (answer.returnCode === 1) {
			if (!answer.accessToken)
				throw new UdidTransportError('token', 'decode', 'UDID token answer has returnCode 1 but no accessToken');
			return {
				accessToken: answer.accessToken,
				expiresAt: now + tokenLifetimeMs(answer.expiresIn),
				obtainedAt: now,
				origin: 'issued',
				todayRemainVisitCount: answer.todayRemainVisitCount,
				serverTime: answer.currentTime,
				expiresIn: answer.expiresIn,
			};
		}
		const reusable = answer.accessToken ?? current?.accessToken;
		if (!reusable || reusable === rejectedToken) {
			// The server says a token is valid but either does not hand it back or hands back the one it just
			// refused. Asking again would loop; the user has to wait for it to expire.
			throw new UdidApiError(
				'token',
				9,
				reusable
					? 'the server rejected the current token (code 4) yet refuses to issue a new one (code 9); wait until it expires (up to its validity period) and run again'
					: 'the server says a token is still valid but did not return it, and this process has none cached; wait until it expires and run again',
			);
		}
		return {
			accessToken: reusable,
			expiresAt: now + REUSED_TOKEN_TTL_MS,
			obtainedAt: now,
			origin: 'reused',
			todayRemainVisitCount: answer.todayRemainVisitCount,
			serverTime: answer.currentTime,
			expiresIn: answer.expiresIn,
		};
	}
}

/** The process-wide cache every client shares (n8n runs many executions in one process). */
export const processTokenCache = new TokenCache();
