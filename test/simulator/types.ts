/** The simulator's public types. */
import type { RateLimitOptions } from './rate-limit';

/** One child row (packing, storage, clinical) or contact, as the API sends it: every value a string. */
export type WireRow = Record<string, string>;

/**
 * One device version in canonical form: the deviceInfo object (upper-case codes from fields.ts, every value a
 * string, `versionNumber` too, `contactList` with 1-3 contacts) plus its child rows. On the wire the children
 * leave the record and go to the page's flat `packingInfo` / `storageInfo` / `clinicalInfo` arrays.
 * Records are shared with the simulator's cache: treat them as read-only.
 */
export interface DeviceRecord {
	[code: string]: string | WireRow[];
	deviceRecordKey: string;
	versionNumber: string;
	versionTime: string;
	versionStatus: string;
	ZXXSDYCPBS: string;
	CPMCTYMC: string;
	GGXH: string;
	YLQXZCRBARMC: string;
	TYSHXYDM: string;
	ZCZBHHZBAPZBH: string;
	contactList: WireRow[];
	packing: WireRow[];
	storage: WireRow[];
	clinical: WireRow[];
}

export interface AnswerVariant {
	/** returnCode, errorCode, expiresIn and todayRemainVisitCount as strings too (page counts are always strings). */
	stringCodes?: boolean;
	/** Upper-case field codes in deviceInfo / contactList / packingInfo / storageInfo / clinicalInfo in lower case. */
	lowerCaseKeys?: boolean;
	/** The P002 answer is a JSON string holding escaped JSON. */
	doubleEncodedToken?: boolean;
	/** Every JSON answer is a JSON string holding escaped JSON. */
	doubleEncodedAll?: boolean;
	/** Answers start with a UTF-8 byte order mark. */
	bom?: boolean;
}

export type FaultKind =
	'code5' | 'code6' | 'code10' | 'http502' | 'reset' | 'slow' | 'html' | 'truncated' | 'code7' | 'code8';
export const FAULT_KINDS: readonly FaultKind[] = [
	'code5',
	'code6',
	'code10',
	'http502',
	'reset',
	'slow',
	'html',
	'truncated',
	'code7',
	'code8',
];

export interface FaultOptions {
	/** Probability in [0,1] that a token or data call gets a fault; drawn from a PRNG seeded by `seed`. */
	rate?: number;
	/** Kinds `rate` draws from, uniformly. Default: the retryable ones that answer fast (no 'slow', 'code7', 'code8'). */
	kinds?: FaultKind[];
	/** How long 'slow' waits before answering normally; default 30000. */
	slowMs?: number;
}

export type FaultEndpoint = 'token' | 'data' | 'connection' | 'any';
export type EndpointName = 'connection' | 'token' | 'data' | 'history' | 'single';

export interface SimulatorApp {
	appId: string;
	appSecret: string;
	creditCodes: string[];
}

export interface SimulatorOptions {
	/** Default 1; everything is deterministic under the seed. */
	seed?: number;
	/** Device versions published per day, default 3600; each day's count varies deterministically ±10% around it. */
	perDay?: number;
	/** Default 20. */
	pageSize?: number;
	/** Added to every answer; default 0. */
	latencyMs?: number;
	/** Default: [DEFAULT_APP]. */
	apps?: SimulatorApp[];
	/** Default 7200; sent as expiresIn. */
	tokenTtlSeconds?: number;
	/** Visits per app per China-time day, default 100000; every call except P001 counts. */
	dailyQuota?: number;
	/** Default 0 = off; above it an app's calls answer 10. Measured on the real clock, not `now`. */
	rateLimitPerSecond?: number;
	/** Code 10 above a number of calls in flight or per second, for any app (see rate-limit.ts). Default off. */
	rateLimit?: RateLimitOptions;
	/** Clock for tokens, the quota day and which days (and which of today's records) exist. */
	now?: () => Date;
	variant?: AnswerVariant;
	faults?: FaultOptions;
	/** Called with one line per answered request (never with parameter values or tokens). Used by the CLI. */
	log?: (line: string) => void;
}

export interface ResolvedSimulatorOptions {
	seed: number;
	perDay: number;
	pageSize: number;
	latencyMs: number;
	apps: SimulatorApp[];
	tokenTtlSeconds: number;
	dailyQuota: number;
	rateLimitPerSecond: number;
	rateLimit: RateLimitOptions;
	now: () => Date;
	variant: AnswerVariant;
	faults: FaultOptions;
	host: string;
}

export interface SimulatorStats {
	requests: Record<EndpointName, number>;
	tokensIssued: number;
	faultsInjected: number;
	/** Calls answered 10 by the `rateLimit` gate, and the most it had in flight at once. */
	rateLimited: number;
	peakInFlight: number;
}

export interface Simulator {
	/** e.g. http://127.0.0.1:PORT/api/v2 (the same endpoints also answer under /api/beta/v2). */
	url: string;
	port: number;
	options: ResolvedSimulatorOptions;
	/** Closes the server, destroys every open socket (slow ones too) and clears pending timers. */
	close(): Promise<void>;
	/** The next `count` (default 1) calls to `endpoint` (default 'data') get this fault, before random ones. */
	injectFault(kind: FaultKind, opts?: { count?: number; endpoint?: FaultEndpoint }): void;
	setVariant(variant: AnswerVariant): void;
	/** Replaces the fault options and restarts the fault PRNG, so the sequence from here on is deterministic. */
	setFaults(faults: FaultOptions): void;
	/**
	 * The first D001 request for a page > `afterPage` of `date` (by day, or by its month) publishes `count` new
	 * versions on `date` before it is answered.
	 */
	publishDuringPaging(date: string, opts: { afterPage: number; count: number }): void;
	/** Publishes `count` versions on `date` now (at the head of its list); `updates` of them are new versions of existing records. */
	publish(date: string, count: number, opts?: { updates?: number }): DeviceRecord[];
	/** Every issued token becomes invalid (the next data call answers 4). */
	expireTokens(): void;
	/** Sets today's remaining visits of an app; 0 → its next counted call answers 11. */
	setRemainingVisits(appId: string, remaining: number): void;
	resetQuota(): void;
	stats: SimulatorStats;
	/** Every token ever issued. */
	issuedTokens(): string[];
	/** What D001 for that day answers right now (after publishes, up to now on today), newest first. */
	dayRecords(date: string): DeviceRecord[];
	/** Its days' lists concatenated, newest day first. */
	monthRecords(month: string): DeviceRecord[];
	/** Every version of a record (visible now), newest first; [] when the key is unknown. */
	historyOf(deviceRecordKey: string): DeviceRecord[];
	/** The latest visible version whose ZXXSDYCPBS is `di`, among days generated so far. */
	findByDi(di: string): DeviceRecord | undefined;
}
