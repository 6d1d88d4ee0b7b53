/** What answers look like on the wire: messages, the paged shape, and the quirks real servers show (variants). */
import { CHILD_ARRAYS, CHILD_TABLES, CONTACT_LIST_KEY } from '../../nodes/udid/fields';
import type { AnswerVariant, DeviceRecord, WireRow } from './types';

export const RETURN_MESSAGES: Readonly<Record<number, string>> = {
	1: '业务执行成功',
	2: '访问未授权，请得到授权后访问',
	3: '应用码或授权码错误，请使用正确的应用码或授权码重试',
	4: '令牌无效，请重新获取令牌',
	5: '服务不可用',
	6: '网络故障',
	7: '业务执行失败',
	8: '参数格式不正确',
	9: '令牌有效期超过5分钟，不能再次获取令牌',
	10: '访问过于频繁，请稍后再试',
	11: '今日访问次数达到上限限制访问',
	12: '注册人/备案人（代理人）未进行申报授权，请取授权后访问',
};

export const ERROR_MESSAGES: Readonly<Record<number, string>> = {
	1: '参数不能为空',
	2: '参数字典不正确',
	3: '参数格式不正确',
	4: '数据不存在',
	5: '数据状态不符',
};

export type ApiAnswer = Record<string, unknown> & { returnCode: number; returnMsg: string };

export function failure(returnCode: number, extra: Record<string, unknown> = {}): ApiAnswer {
	return { returnCode, returnMsg: RETURN_MESSAGES[returnCode], ...extra };
}

/** Code 8 naming the parameter: errorCode 1 (empty) or 3 (format); `detail` says what was expected. */
export function parameterError(field: string, errorCode: 1 | 3, detail?: string): ApiAnswer {
	const problem = errorCode === 1 ? `${field}不能为空` : `${field}格式不正确${detail ? `，${detail}` : ''}`;
	return { returnCode: 8, returnMsg: `参数格式不正确：${problem}`, errorCode, errorMsg: problem };
}

/** The shape D001, D002 and D003 share: counts as strings, children in flat arrays for the whole page. */
export function pageAnswer(records: readonly DeviceRecord[], total: number, page: number, pageSize: number): ApiAnswer {
	const deviceInfo: Record<string, unknown>[] = [];
	const children: Record<string, WireRow[]> = {};
	for (const table of CHILD_TABLES) children[CHILD_ARRAYS[table].dataSetKey] = [];
	for (const record of records) {
		const info: Record<string, unknown> = {};
		for (const key in record) if (!(CHILD_TABLES as readonly string[]).includes(key)) info[key] = record[key];
		deviceInfo.push(info);
		for (const table of CHILD_TABLES) children[CHILD_ARRAYS[table].dataSetKey].push(...record[table]);
	}
	return {
		returnCode: 1,
		returnMsg: 'OK',
		totalPageCount: String(Math.ceil(total / pageSize)),
		totalRecordCount: String(total),
		currentPageNumber: String(page),
		dataSet: { deviceInfo, ...children },
	};
}

const NUMERIC_FIELDS = ['returnCode', 'errorCode', 'expiresIn', 'todayRemainVisitCount'];
const UPPER_CODE = /^[A-Z][A-Z0-9]*$/;

function lowerRow(row: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key in row) {
		const value = row[key];
		const name = UPPER_CODE.test(key) ? key.toLowerCase() : key;
		out[name] = key === CONTACT_LIST_KEY && Array.isArray(value) ? value.map(lowerRow) : value;
	}
	return out;
}

/** Serialises an answer the way the current variant says (`isTokenAnswer` matters for doubleEncodedToken). */
export function encodeAnswer(answer: ApiAnswer, variant: AnswerVariant, isTokenAnswer: boolean): string {
	let shaped: Record<string, unknown> = answer;
	if (variant.stringCodes) {
		shaped = { ...shaped };
		for (const field of NUMERIC_FIELDS) if (typeof shaped[field] === 'number') shaped[field] = String(shaped[field]);
	}
	if (variant.lowerCaseKeys && shaped.dataSet) {
		const dataSet = shaped.dataSet as Record<string, Record<string, unknown>[]>;
		const lowered: Record<string, unknown> = {};
		for (const key in dataSet) lowered[key] = dataSet[key].map(lowerRow);
		shaped = { ...shaped, dataSet: lowered };
	}
	let body = JSON.stringify(shaped);
	if (variant.doubleEncodedAll || (variant.doubleEncodedToken && isTokenAnswer)) body = JSON.stringify(body);
	return variant.bom ? '\uFEFF' + body : body;
}

export const JSON_TYPE = 'application/json;charset=UTF-8';
export const HTML_TYPE = 'text/html;charset=UTF-8';

export const HTML_PAGES = {
	notFound:
		'<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>请求的资源不存在。</p></body></html>\n',
	methodNotAllowed:
		'<!DOCTYPE html>\n<html><head><title>405 Method Not Allowed</title></head><body><h1>Method Not Allowed</h1><p>Request method not supported; use POST.</p></body></html>\n',
	badGateway:
		'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
	/** What a web application firewall in front of a government site answers, with HTTP 200. */
	gateway:
		'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>访问提示</title></head><body><div class="main"><h2>系统繁忙，请稍后再试</h2><p>您的访问请求暂时无法处理，请稍后刷新页面重试。</p><p>事件ID：5e9c1f</p></div></body></html>\n',
};
