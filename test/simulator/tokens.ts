/** Access tokens handed out by P002: random, per (appId, credit code), valid for the configured time. */
import { randomBytes } from 'node:crypto';

export interface IssuedToken {
	token: string;
	appId: string;
	creditCode: string;
	expiresAt: number;
	revoked: boolean;
}

/** P002 refuses a new token (code 9) while the current one has more than this left. */
export const REISSUE_WINDOW_MS = 5 * 60_000;

export class TokenStore {
	private readonly byToken = new Map<string, IssuedToken>();
	/** The newest token of each `${appId}|${creditCode}`. */
	private readonly newest = new Map<string, IssuedToken>();

	constructor(private readonly ttlSeconds: number) {}

	/** The current token of (app, credit code) when it still has more than five minutes to live. */
	reusable(appId: string, creditCode: string, nowMs: number): IssuedToken | undefined {
		const token = this.newest.get(`${appId}|${creditCode}`);
		return token && !token.revoked && token.expiresAt - nowMs > REISSUE_WINDOW_MS ? token : undefined;
	}

	issue(appId: string, creditCode: string, nowMs: number): IssuedToken {
		const issued: IssuedToken = {
			token: randomBytes(16).toString('hex'),
			appId,
			creditCode,
			expiresAt: nowMs + this.ttlSeconds * 1000,
			revoked: false,
		};
		this.byToken.set(issued.token, issued);
		this.newest.set(`${appId}|${creditCode}`, issued);
		return issued;
	}

	/** The token's record when it is known, not revoked and not expired. */
	valid(token: unknown, nowMs: number): IssuedToken | undefined {
		if (typeof token !== 'string') return undefined;
		const issued = this.byToken.get(token);
		return issued && !issued.revoked && issued.expiresAt > nowMs ? issued : undefined;
	}

	expireAll(): void {
		for (const issued of this.byToken.values()) issued.revoked = true;
	}

	all(): string[] {
		return [...this.byToken.keys()];
	}

	get ttl(): number {
		return this.ttlSeconds;
	}
}
