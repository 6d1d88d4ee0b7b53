/**
 * Typed errors of the UDID core. They carry what a caller needs to decide (return code, retryability) and the
 * server's own words, and never a secret: messages are built from codes and server text only. Where a sync
 * stopped travels separately, in sync/errors.ts (SyncStoppedError), so these are never modified after throw.
 */

export type Endpoint = 'connection' | 'token' | 'sharing' | 'history' | 'single';

/** What the regulator's return codes mean (spec table), in English with the Chinese term where it helps. */
export const RETURN_CODE_MEANINGS: Readonly<Record<number, string>> = {
	1: 'success',
	2: 'access not authorised (未授权访问)',
	3: 'wrong appId or appSecret (应用码或授权码错误)',
	4: 'access token invalid or expired (令牌无效)',
	5: 'service unavailable (服务不可用)',
	6: 'network fault on the server side (网络故障)',
	7: 'business execution failed (业务执行失败)',
	8: 'parameter format wrong (参数格式错误)',
	9: 'a token is still valid for more than 5 minutes, a new one cannot be issued (令牌仍有效)',
	10: 'too many requests (访问过于频繁)',
	11: 'daily visit limit reached (当日访问次数已用完)',
	12: 'the registrant (or its agent) has not granted declaration authorisation (注册人/备案人未进行申报授权)',
};

export const ERROR_CODE_MEANINGS: Readonly<Record<number, string>> = {
	1: 'parameter empty',
	2: 'parameter dictionary wrong',
	3: 'parameter format wrong',
	4: 'data does not exist',
	5: 'data status mismatch',
};

/** Codes worth repeating after a pause; 4 is handled by the token refresh, never by the generic retry. */
export const RETRYABLE_RETURN_CODES: ReadonlySet<number> = new Set([5, 6, 10]);

export abstract class UdidError extends Error {
	abstract readonly retryable: boolean;
	abstract readonly endpoint: Endpoint;
}

export class UdidApiError extends UdidError {
	readonly name = 'UdidApiError';
	readonly retryable: boolean;

	constructor(
		readonly endpoint: Endpoint,
		readonly returnCode: number,
		readonly serverMessage: string,
		readonly errorCode?: number,
		readonly errorMessage?: string,
	) {
		super(describeApiFailure(endpoint, returnCode, serverMessage, errorCode, errorMessage));
		this.retryable = RETRYABLE_RETURN_CODES.has(returnCode);
	}
}

export type TransportFailure = 'http' | 'network' | 'timeout' | 'html' | 'decode' | 'aborted';

export class UdidTransportError extends UdidError {
	readonly name = 'UdidTransportError';
	readonly retryable: boolean;

	constructor(
		readonly endpoint: Endpoint,
		readonly failure: TransportFailure,
		message: string,
		readonly httpStatus?: number,
		options?: { cause?: unknown },
	) {
		super(message, options);
		this.retryable =
			failure !== 'aborted' &&
			!(failure === 'http' && httpStatus !== undefined && httpStatus < 500 && httpStatus !== 429);
	}
}

function describeApiFailure(
	endpoint: Endpoint,
	returnCode: number,
	serverMessage: string,
	errorCode?: number,
	errorMessage?: string,
): string {
	const meaning = RETURN_CODE_MEANINGS[returnCode] ?? 'unknown return code';
	const detail =
		errorCode !== undefined
			? `; errorCode ${errorCode} (${ERROR_CODE_MEANINGS[errorCode] ?? 'unknown'})${errorMessage ? `: ${errorMessage}` : ''}`
			: '';
	const server = serverMessage ? ` — server says: "${serverMessage}"` : '';
	return `UDID ${endpoint} call failed with returnCode ${returnCode}: ${meaning}${detail}${server}`;
}
