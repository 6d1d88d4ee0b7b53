/** The five endpoints: P001 connection test, P002 token, D001 day/month, D002 history, D003 single DI. */
import { validateUscc } from '../../nodes/udid/identifiers/uscc';
import { failure, pageAnswer, parameterError, RETURN_MESSAGES, ERROR_MESSAGES, type ApiAnswer } from './answers';
import { chinaDate, chinaStamp, isValidDate, isValidMonth } from './china-time';
import type { Dataset, QueryFilters } from './dataset';
import type { Quota } from './quota';
import type { TokenStore } from './tokens';
import type { DeviceRecord, ResolvedSimulatorOptions, SimulatorApp } from './types';

export interface SimState {
	options: ResolvedSimulatorOptions;
	dataset: Dataset;
	tokens: TokenStore;
	quota: Quota;
	onTokenIssued(): void;
	/** Runs the publishDuringPaging triggers that a D001 request for this range and page sets off. */
	beforePage(requestType: '1' | '2', rangeValue: string, page: number): void;
}

type Params = Record<string, unknown>;

/** The `params` form field as an object, or the code 8 answer naming it. */
export function parseParams(raw: string | null): { params: Params } | { answer: ApiAnswer } {
	if (raw === null || raw.trim() === '') return { answer: parameterError('params', 3, '缺少params参数') };
	try {
		const value: unknown = JSON.parse(raw);
		if (value && typeof value === 'object' && !Array.isArray(value)) return { params: value as Params };
	} catch {
		// answered below
	}
	return { answer: parameterError('params', 3, '应为JSON对象字符串') };
}

export function connectionTest(): ApiAnswer {
	return { returnCode: 1, returnMsg: '连通性测试成功' };
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

function now(state: SimState): { ms: number; day: string } {
	const ms = state.options.now().getTime();
	return { ms, day: chinaDate(ms) };
}

/** Rate limit and daily quota, in that order; undefined when the call may go on. */
function admit(state: SimState, appId: string, day: string): ApiAnswer | undefined {
	if (state.quota.tooFast(appId, Date.now())) return failure(10);
	if (!state.quota.take(appId, day)) return failure(11, { todayRemainVisitCount: 0 });
	return undefined;
}

export function getToken(state: SimState, params: Params): ApiAnswer {
	const appId = text(params.appId);
	const appSecret = text(params.appSecret);
	if (!appId) return parameterError('appId', 1);
	if (!appSecret) return parameterError('appSecret', 1);
	const app = state.options.apps.find((a) => a.appId === appId);
	if (!app || app.appSecret !== appSecret) return failure(3);
	const { ms, day } = now(state);
	const refused = admit(state, app.appId, day);
	if (refused) return refused;
	const common = () => ({ currentTime: chinaStamp(ms), todayRemainVisitCount: state.quota.remaining(app.appId, day) });
	const creditCode = text(params.TYSHXYDM)?.trim();
	if (!creditCode) return parameterError('TYSHXYDM', 1);
	const check = validateUscc(creditCode);
	if (!check.valid) return parameterError('TYSHXYDM', 3, check.reason);
	if (!app.creditCodes.includes(check.code)) return failure(12);
	const current = state.tokens.reusable(app.appId, check.code, ms);
	// Like the documented failure example: the still-valid token, no expiresIn.
	if (current) return { ...failure(9), accessToken: current.token, ...common() };
	const issued = state.tokens.issue(app.appId, check.code, ms);
	state.onTokenIssued();
	return {
		returnCode: 1,
		returnMsg: RETURN_MESSAGES[1],
		accessToken: issued.token,
		expiresIn: state.tokens.ttl,
		...common(),
	};
}

/** Token (4), rate (10) and quota (11) checks shared by the data endpoints. */
function authorise(state: SimState, params: Params): SimulatorApp | ApiAnswer {
	const { ms, day } = now(state);
	const token = state.tokens.valid(params.accessToken, ms);
	if (!token) return failure(4);
	const app = state.options.apps.find((a) => a.appId === token.appId);
	if (!app) return failure(4);
	return admit(state, app.appId, day) ?? app;
}

/** A positive page number (string or number), or the code 8 answer. */
function pageNumber(value: unknown): number | ApiAnswer {
	const raw = text(value);
	if (raw === undefined || raw === '') return parameterError('currentPageNumber', 1);
	if (!/^\d{1,9}$/.test(raw.trim()) || +raw < 1) return parameterError('currentPageNumber', 3, '应为从1开始的整数');
	return +raw;
}

function page(state: SimState, records: { total: number; get(p: number): DeviceRecord }, pageNo: number): ApiAnswer {
	const size = state.options.pageSize;
	const from = (pageNo - 1) * size;
	const to = Math.min(records.total, from + size);
	const slice: DeviceRecord[] = [];
	for (let p = from; p < to; p++) slice.push(records.get(p));
	return pageAnswer(slice, records.total, pageNo, size);
}

const FILTERS: ReadonlyArray<keyof QueryFilters> = ['zxxsdycpbs', 'cpmctymc', 'ggxh', 'ylqxzcrbarmc', 'zczbhhzbapzbh'];

/** D001: one day ("1", yyyy-MM-dd) or month ("2", yyyy-MM), newest first, with the V2.1 filters. */
export function sharingGet(state: SimState, params: Params): ApiAnswer {
	const app = authorise(state, params);
	if ('returnCode' in app) return app;
	const requestType = text(params.requestType)?.trim();
	if (!requestType) return parameterError('requestType', 1);
	if (requestType !== '1' && requestType !== '2') return parameterError('requestType', 3, '应为1（按天）或2（按月）');
	const rangeValue = text(params.rangeValue)?.trim();
	if (!rangeValue) return parameterError('rangeValue', 1);
	if (requestType === '1' ? !isValidDate(rangeValue) : !isValidMonth(rangeValue)) {
		return parameterError('rangeValue', 3, requestType === '1' ? '按天请求应为yyyy-MM-dd' : '按月请求应为yyyy-MM');
	}
	const pageNo = pageNumber(params.currentPageNumber);
	if (typeof pageNo !== 'number') return pageNo;
	const filters: QueryFilters = {};
	const dataType = text(params.dataType)?.trim();
	if (dataType) {
		if (dataType !== '1' && dataType !== '2') return parameterError('dataType', 3, '应为1（新增）或2（变更）');
		filters.dataType = dataType;
	}
	for (const name of FILTERS) {
		const value = params[name];
		if (value === undefined || value === null) continue;
		if (typeof value !== 'string') return parameterError(name, 3, '应为字符串');
		if (value.trim()) filters[name] = value.trim();
	}
	state.beforePage(requestType, rangeValue, pageNo);
	return page(state, state.dataset.query(requestType, rangeValue, filters), pageNo);
}

/** D002: every version of the given record keys, newest first. Unknown keys are simply absent. */
export function historyGet(state: SimState, params: Params): ApiAnswer {
	const app = authorise(state, params);
	if ('returnCode' in app) return app;
	const dataSet = params.dataSet;
	if (dataSet === undefined || dataSet === null || (Array.isArray(dataSet) && dataSet.length === 0))
		return parameterError('dataSet', 1);
	if (!Array.isArray(dataSet)) return parameterError('dataSet', 3, '应为[{"deviceRecordKey":"…"}]数组');
	const keys: string[] = [];
	for (let i = 0; i < dataSet.length; i++) {
		const entry: unknown = dataSet[i];
		const key = entry && typeof entry === 'object' ? text((entry as Params).deviceRecordKey)?.trim() : undefined;
		if (!key) return parameterError(`dataSet[${i}].deviceRecordKey`, 3, '应为非空字符串');
		if (!keys.includes(key)) keys.push(key);
	}
	const pageNo = pageNumber(params.currentPageNumber);
	if (typeof pageNo !== 'number') return pageNo;
	const versions = keys.flatMap((key) => state.dataset.versionsOf(key));
	versions.sort((a, b) =>
		a.versionTime < b.versionTime ? 1 : a.versionTime > b.versionTime ? -1 : +b.versionNumber - +a.versionNumber,
	);
	return page(state, { total: versions.length, get: (p) => versions[p] }, pageNo);
}

/**
 * D003: the latest version of the device whose minimum-sales-unit DI this is, in the paged shape. An unknown
 * DI answers returnCode 7 (business execution failed) with errorCode 4 (数据不存在): the error-code table's
 * "data does not exist" is the only documented way to say so, and 7 is the code that carries a business reason.
 */
export function single(state: SimState, params: Params): ApiAnswer {
	const app = authorise(state, params);
	if ('returnCode' in app) return app;
	const di = text(params.primaryDeviceId)?.trim();
	if (!di) return parameterError('primaryDeviceId', 1);
	const record = state.dataset.findByDi(di);
	if (!record)
		return {
			...failure(7),
			returnMsg: `${RETURN_MESSAGES[7]}：${ERROR_MESSAGES[4]}`,
			errorCode: 4,
			errorMsg: ERROR_MESSAGES[4],
		};
	return pageAnswer([record], 1, 1, state.options.pageSize);
}
