import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { closeSharedDispatchers } from '../../nodes/udid/client/http';
import { processTokenCache } from '../../nodes/udid/client/token-cache';
import { captured, runWorkflow, udidWorkflow } from '../helpers/engine';
import { DEFAULT_APP } from '../simulator';
import { leakedSecrets, recordSecrets } from './secrets';

/**
 * Malformed server answers: a scripted server answers pages 1 and 2 of a day correctly and page 3 with a broken
 * answer. Each case must end in a clear error item (continueOnFail) after the 40 records already fetched, within
 * the timeouts, without crashing the process.
 */

const TOKEN = 'tok-malformed-7f3a9c2e5b1d4068';
const PAGE_RECORDS = 20;

type Answer = { status?: number; type?: string; body: string | Buffer; hangMs?: number };

const cases: Array<[string, Answer, RegExp]> = [
	['empty body', { body: '' }, /empty body/],
	['whitespace only', { body: '  \r\n ' }, /empty body/],
	['JSON null', { body: 'null' }, /not a JSON object/],
	['JSON array', { body: '[1,2,3]' }, /not a JSON object/],
	['bare JSON string', { body: '"hello"' }, /not valid JSON|not a JSON object/],
	['object without returnCode', { body: '{}' }, /no usable returnCode/],
	['returnCode that is not a number', { body: '{"returnCode":"OK"}' }, /no usable returnCode/],
	['unknown return code', { body: '{"returnCode":99,"returnMsg":"未知"}' }, /returnCode 99: unknown return code/],
	['dataSet as a string', { body: '{"returnCode":1,"dataSet":"oops"}' }, /malformed dataSet/],
	['deviceInfo as an object', { body: '{"returnCode":1,"dataSet":{"deviceInfo":{"a":1}}}' }, /malformed dataSet/],
	[
		'rows that are not objects',
		{ body: '{"returnCode":1,"dataSet":{"deviceInfo":[null,5,"x"]}}' },
		/malformed dataSet/,
	],
	[
		'page counts that are words',
		{ body: '{"returnCode":1,"totalPageCount":"many","dataSet":{"deviceInfo":[]}}' },
		/malformed page counts/,
	],
	['truncated JSON', { body: '{"returnCode":1,"dataSet":{"deviceInfo":[{"deviceRecordKey":"a"' }, /not valid JSON/],
	['double-encoded and truncated', { body: JSON.stringify('{"returnCode":1,"dataSet":{"devi') }, /not valid JSON/],
	[
		'HTML page with HTTP 200',
		{ type: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
		/HTML page/,
	],
	[
		'XML with HTTP 200',
		{ type: 'application/xml', body: '<?xml version="1.0"?><error>busy</error>' },
		/HTML page|not valid JSON/,
	],
	[
		'binary garbage',
		{ type: 'application/octet-stream', body: Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x88, 0x7b]) },
		/not valid JSON/,
	],
	['HTTP 500 with a JSON body', { status: 500, body: '{"returnCode":1}' }, /HTTP 500/],
	['HTTP 404', { status: 404, body: 'not found' }, /HTTP 404/],
	['no answer within the timeout', { body: '{"returnCode":1}', hangMs: 10_000 }, /timed out/],
];

function record(page: number, i: number) {
	return {
		deviceRecordKey: `p${page}r${i}`,
		versionNumber: '1',
		ZXXSDYCPBS: `0690000000${String(page * 100 + i).padStart(4, '0')}`,
		contactList: [],
	};
}

let server: Server;
let baseUrl: string;
let pageThree: Answer = { body: '' };

beforeAll(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const params = JSON.parse(new URLSearchParams(body).get('params') ?? '{}');
			if (req.url?.endsWith('/token/get')) {
				res.setHeader('content-type', 'application/json');
				return res.end(
					JSON.stringify({ returnCode: 1, accessToken: TOKEN, expiresIn: 7200, todayRemainVisitCount: 1000 }),
				);
			}
			const page = Number(params.currentPageNumber);
			if (page !== 3) {
				res.setHeader('content-type', 'application/json');
				return res.end(
					JSON.stringify({
						returnCode: 1,
						totalPageCount: '3',
						totalRecordCount: '60',
						currentPageNumber: String(page),
						dataSet: { deviceInfo: Array.from({ length: PAGE_RECORDS }, (_, i) => record(page, i)) },
					}),
				);
			}
			const answer = pageThree;
			const send = () => {
				res.statusCode = answer.status ?? 200;
				res.setHeader('content-type', answer.type ?? 'application/json');
				res.end(answer.body);
			};
			if (answer.hangMs) setTimeout(send, answer.hangMs).unref();
			else send();
			return undefined;
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`;
	process.env.NMPA_UDID_TIMEOUT_MS = '400';
	process.env.NMPA_UDID_RETRIES = '2';
	process.env.NMPA_UDID_RETRY_BASE_MS = '10';
});

afterAll(async () => {
	delete process.env.NMPA_UDID_RETRIES;
	delete process.env.NMPA_UDID_RETRY_BASE_MS;
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	await closeSharedDispatchers();
});

describe('malformed server answers', () => {
	it.each(cases)('%s: a clear error after the 40 records already fetched', async (_name, answer, message) => {
		pageThree = answer;
		processTokenCache.clear();
		const credentials: ICredentialDataDecryptedObject = {
			appId: DEFAULT_APP.appId,
			appSecret: DEFAULT_APP.appSecret,
			tyshxydm: DEFAULT_APP.creditCodes[0],
			baseUrl,
		};
		const started = Date.now();
		const { output, error } = await runWorkflow(
			udidWorkflow(
				{ resource: 'device', operation: 'syncDay', date: '2026-11-20', options: { concurrency: 1 } },
				{ continueOnFail: true },
			),
			credentials,
		);
		expect(error).toBeUndefined();
		const items = output('UDID');
		recordSecrets(items);
		expect(items).toHaveLength(41);
		expect(items.slice(0, 40).map((i) => i.json.deviceRecordKey)).toEqual(
			[...Array(20).keys()].map((i) => `p1r${i}`).concat([...Array(20).keys()].map((i) => `p2r${i}`)),
		);
		const failure = items[40].json;
		expect(failure.error).toMatch(message);
		expect(failure).toMatchObject({ fetchedRecords: 40, resumePoint: { rangeValue: '2026-11-20', page: 3 } });
		expect(Date.now() - started).toBeLessThan(8_000);
	});

	it('rows without the keys we rely on are skipped with a warning, not silently', async () => {
		pageThree = {
			body: JSON.stringify({
				returnCode: 1,
				totalPageCount: 3,
				totalRecordCount: 60,
				dataSet: {
					deviceInfo: [
						{ ZXXSDYCPBS: 'x' },
						{ deviceRecordKey: 'ok', versionNumber: '1' },
						{ deviceRecordKey: 'v', versionNumber: 'abc' },
					],
				},
			}),
		};
		processTokenCache.clear();
		captured.logs.length = 0;
		const { output } = await runWorkflow(
			udidWorkflow({ resource: 'device', operation: 'syncDay', date: '2026-11-20' }),
			{ appId: 'a', appSecret: DEFAULT_APP.appSecret, tyshxydm: DEFAULT_APP.creditCodes[0], baseUrl },
		);
		expect(output('UDID')).toHaveLength(41);
		expect(
			captured.logs.some((l) => /page 3: 2 device rows without deviceRecordKey\/versionNumber were skipped/.test(l)),
		).toBe(true);
	});
});

describe('secret scan (runs last)', () => {
	it('the secret and the token appear nowhere', () => {
		recordSecrets([...captured.logs, ...captured.uiMessages], [DEFAULT_APP.appSecret, TOKEN]);
		expect(leakedSecrets()).toEqual([]);
	});
});
