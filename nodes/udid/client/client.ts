import type { Dispatcher } from 'undici';
import type { AdaptiveConcurrency } from './concurrency';
import { classifyAttempt, processConcurrency } from './concurrency';
import { decodeAnswerBody } from './decode';
import type { Endpoint } from './errors';
import { RETRYABLE_RETURN_CODES, UdidApiError, UdidError, UdidTransportError } from './errors';
import type { HttpOptions } from './http';
import { postForm, sharedDispatcher } from './http';
import type { DecodedPage } from './page';
import { canonicalTopLevel, checkEnvelope, decodePage } from './page';
import type { RetryOptions } from './retry';
import { DEFAULT_RETRY, withRetry } from './retry';
import { tokenAnswerSchema } from './schemas';
import type { TokenAnswer, TokenState } from './token-cache';
import { TokenCache, processTokenCache } from './token-cache';

export const BASE_URLS = {
	production: 'https://udid.nmpa.gov.cn/api/v2',
	test: 'https://udid.nmpa.gov.cn/api/beta/v2',
} as const;

const PATHS: Record<Endpoint, string> = {
	connection: '/connection/test',
	token: '/token/get',
	sharing: '/sharing/get',
	history: '/sharing/history/get',
	single: '/sharing/single',
};

export interface UdidClientOptions extends HttpOptions {
	baseUrl: string;
	appId: string;
	appSecret: string;
	/** Registrant's unified social credit code (TYSHXYDM). */
	creditCode: string;
	timeoutMs?: number;
	retry?: Partial<RetryOptions>;
	dispatcher?: Dispatcher;
	tokenCache?: TokenCache;
	/** Told about every HTTP attempt's outcome; default: the process-wide controller of this base URL + appId. */
	concurrency?: AdaptiveConcurrency;
	/** Told about retries and token refreshes; never receives a secret or token. */
	log?: (message: string, meta?: Record<string, unknown>) => void;
}

/** D001 query: a day or a month, with the optional V2.1+ fields sent only when set. */
export interface SharingQuery {
	requestType: 'day' | 'month';
	rangeValue: string;
	dataType?: 'new' | 'changed';
	filters?: Partial<Record<'zxxsdycpbs' | 'cpmctymc' | 'ggxh' | 'ylqxzcrbarmc' | 'zczbhhzbapzbh', string>>;
}

export interface ConnectionResult {
	returnCode: number;
	returnMsg: string;
	latencyMs: number;
}

export type TokenInfo = Omit<TokenState, 'accessToken'> & { fromCache: boolean };

/**
 * A client for the five calls of the UDID data-sharing API. Framework-free: it knows the wire format, the
 * quirks, the return codes and the token rules, and nothing about n8n.
 */
export class UdidClient {
	readonly baseUrl: string;
	/** The adaptive concurrency budget of this credential; pass it to paging for the "auto" concurrency. */
	readonly concurrency: AdaptiveConcurrency;
	private readonly dispatcher: Dispatcher;
	private readonly tokens: TokenCache;
	private readonly tokenKey: string;
	private readonly timeoutMs: number;
	private readonly retry: RetryOptions;

	constructor(private readonly options: UdidClientOptions) {
		this.baseUrl = options.baseUrl.replace(/\/+$/, '');
		this.dispatcher = options.dispatcher ?? sharedDispatcher(options);
		this.tokens = options.tokenCache ?? processTokenCache;
		this.tokenKey = `${this.baseUrl}|${options.appId}|${options.creditCode}`;
		this.timeoutMs = options.timeoutMs ?? 30_000;
		this.retry = { ...DEFAULT_RETRY, ...options.retry };
		this.concurrency = options.concurrency ?? processConcurrency.for(this.baseUrl, options.appId);
	}

	/** P001: reachability and latency. */
	async testConnection(signal?: AbortSignal): Promise<ConnectionResult> {
		const started = performance.now();
		const answer = await this.call('connection', undefined, signal);
		const env = checkEnvelope('connection', answer);
		return { returnCode: env.returnCode, returnMsg: env.returnMsg, latencyMs: Math.round(performance.now() - started) };
	}

	/** P002 through the process-wide cache. The token itself stays inside the client. */
	async getTokenInfo(signal?: AbortSignal): Promise<TokenInfo> {
		const before = this.tokens.peek(this.tokenKey);
		const state = await this.token(undefined, signal);
		const { accessToken: _hidden, ...info } = state;
		return { ...info, fromCache: before === state };
	}

	/** The raw access token, for the one place the user explicitly asks to see it. */
	async revealAccessToken(signal?: AbortSignal): Promise<string> {
		return (await this.token(undefined, signal)).accessToken;
	}

	/** D001: one page of identifiers published or changed on a day or in a month. */
	getSharingPage(query: SharingQuery, page: number, signal?: AbortSignal): Promise<DecodedPage> {
		return this.dataCall(
			'sharing',
			(accessToken) => ({
				accessToken,
				requestType: query.requestType === 'day' ? '1' : '2',
				rangeValue: query.rangeValue,
				currentPageNumber: String(page),
				...(query.dataType ? { dataType: query.dataType === 'new' ? '1' : '2' } : {}),
				...definedOnly(query.filters),
			}),
			signal,
		);
	}

	/** D002: one page of the version history of the given records. */
	getHistoryPage(deviceRecordKeys: readonly string[], page: number, signal?: AbortSignal): Promise<DecodedPage> {
		return this.dataCall(
			'history',
			(accessToken) => ({
				accessToken,
				dataSet: deviceRecordKeys.map((deviceRecordKey) => ({ deviceRecordKey })),
				currentPageNumber: String(page),
			}),
			signal,
		);
	}

	/** D003: the current version of one product identifier (minimum sales unit DI). */
	getSingle(primaryDeviceId: string, signal?: AbortSignal): Promise<DecodedPage> {
		return this.dataCall('single', (accessToken) => ({ accessToken, primaryDeviceId }), signal);
	}

	/** Remaining daily visits as last reported by the token call (the only call that reports them). */
	get lastKnownRemainingVisits(): number | undefined {
		return this.tokens.peek(this.tokenKey)?.todayRemainVisitCount;
	}

	private async dataCall(
		endpoint: Endpoint,
		buildParams: (accessToken: string) => object,
		signal?: AbortSignal,
	): Promise<DecodedPage> {
		const token = await this.token(undefined, signal);
		try {
			return decodePage(endpoint, await this.call(endpoint, buildParams(token.accessToken), signal));
		} catch (error) {
			if (!(error instanceof UdidApiError) || error.returnCode !== 4) throw error;
			this.options.log?.('UDID token rejected (code 4); fetching a new one and repeating the call once', { endpoint });
			const fresh = await this.token(token.accessToken, signal);
			return decodePage(endpoint, await this.call(endpoint, buildParams(fresh.accessToken), signal));
		}
	}

	private token(rejected: string | undefined, signal?: AbortSignal): Promise<TokenState> {
		return this.tokens.get(this.tokenKey, () => this.requestToken(signal), rejected);
	}

	private async requestToken(signal?: AbortSignal): Promise<TokenAnswer> {
		const { appId, appSecret, creditCode } = this.options;
		const answer = await this.call('token', { appId, appSecret, TYSHXYDM: creditCode }, signal);
		const env = checkEnvelope('token', answer, [1, 9]);
		const parsed = tokenAnswerSchema.safeParse(answer);
		if (!parsed.success) throw new UdidTransportError('token', 'decode', 'UDID token answer has malformed fields');
		return {
			returnCode: env.returnCode as 1 | 9,
			accessToken: parsed.data.accessToken,
			expiresIn: parsed.data.expiresIn,
			currentTime: parsed.data.currentTime || undefined,
			todayRemainVisitCount: parsed.data.todayRemainVisitCount,
		};
	}

	/** One call with retries for transient failures; answers are decoded and canonicalised, not yet checked. */
	private call(endpoint: Endpoint, params: unknown, signal?: AbortSignal): Promise<Record<string, unknown>> {
		const url = this.baseUrl + PATHS[endpoint];
		// A code 10 that lowered the shared level is retried after the ordinary delay: the lower level slows us down.
		const answeredByLevel = new WeakSet<UdidError>();
		return withRetry(
			async () => {
				const attempt = this.concurrency.begin();
				try {
					const res = await postForm(endpoint, url, params, {
						dispatcher: this.dispatcher,
						timeoutMs: this.timeoutMs,
						signal,
					});
					const answer = canonicalTopLevel(decodeAnswerBody(endpoint, res.body, res.contentType));
					const code = Number(answer.returnCode);
					if (RETRYABLE_RETURN_CODES.has(code)) checkEnvelope(endpoint, answer);
					attempt.end('healthy');
					return answer;
				} catch (error) {
					if (attempt.end(classifyAttempt(error)) && error instanceof UdidError) answeredByLevel.add(error);
					throw error;
				}
			},
			{
				...this.retry,
				signal,
				delayFactor: (error) => (answeredByLevel.has(error) ? 1 : undefined),
				onRetry: ({ attempt, delayMs, error }) =>
					this.options.log?.(
						`UDID ${endpoint} retry ${attempt}/${this.retry.retries} in ${delayMs} ms: ${error.message}`,
						{ endpoint },
					),
			},
		);
	}
}

function definedOnly(obj: Record<string, string | undefined> | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(obj ?? {})) if (v !== undefined && v !== '') out[k] = v;
	return out;
}
