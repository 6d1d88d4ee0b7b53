import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { NmpaUdid } from '../../nodes/NmpaUdid/NmpaUdid.node';
import { closeSharedDispatchers } from '../../nodes/udid/client/http';
import { processTokenCache } from '../../nodes/udid/client/token-cache';
import { FIELDS } from '../../nodes/udid/fields';
import { captured, runWorkflow, udidWorkflow } from '../helpers/engine';
import { keysOf } from '../helpers/sync';
import type { Simulator } from '../simulator';
import { DEFAULT_APP, startSimulator } from '../simulator';

const DAY = '2026-11-20';
let sim: Simulator;
let credentials: ICredentialDataDecryptedObject;
let onDataRequest: ((n: number) => void) | undefined;
let dataRequests = 0;

beforeAll(async () => {
	sim = await startSimulator({
		port: 0,
		seed: 5,
		perDay: 170,
		log: (line) => {
			if (line.includes('/sharing/get')) onDataRequest?.(++dataRequests);
		},
	});
	credentials = {
		appId: DEFAULT_APP.appId,
		appSecret: DEFAULT_APP.appSecret,
		tyshxydm: DEFAULT_APP.creditCodes[0],
		environment: 'production',
		baseUrl: sim.url,
	};
	process.env.NMPA_UDID_TIMEOUT_MS = '3000';
});
afterAll(async () => {
	await sim.close();
	await closeSharedDispatchers();
});
beforeEach(() => {
	onDataRequest = undefined;
	dataRequests = 0;
	sim.resetQuota();
	sim.setFaults({ rate: 0 });
});

const run = (parameters: IDataObject, extra: Parameters<typeof udidWorkflow>[1] = {}, creds = credentials) =>
	runWorkflow(udidWorkflow(parameters, extra), creds);
const syncDay = (options: IDataObject = {}, more: IDataObject = {}) => ({
	resource: 'device',
	operation: 'syncDay',
	date: DAY,
	options,
	...more,
});

describe('device → syncDay in the engine', () => {
	it('emits one flat item per device version, equal to the ground truth, each with pairedItem', async () => {
		const { output, error } = await run(syncDay());
		expect(error).toBeUndefined();
		const items = output('UDID');
		const truth = sim.dayRecords(DAY);
		expect(items).toHaveLength(truth.length);
		expect(keysOf(items.map((i) => ({ ...i.json, packingList: [] }) as never))).toEqual(keysOf(truth));
		for (const item of items) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(
				Object.values(item.json).every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)),
			).toBe(true);
		}
		const first = items[0].json;
		expect(first.ZXXSDYCPBS).toBe(truth[0].ZXXSDYCPBS);
		expect(JSON.parse(first.packingList as string)).toHaveLength((truth[0].packing as unknown[]).length);
	});

	it.each(['code', 'english', 'chinese'])(
		'field names "%s" with decoded values and normalised types',
		async (fieldNames) => {
			const { output } = await run(
				syncDay({ fieldNames, decodeValues: true, normalizeTypes: true }, { returnAll: false, limit: 5 }),
			);
			const item = output('UDID')[0].json;
			const def = FIELDS.device.find((f) => f.code === 'CPMCTYMC')!;
			const name = fieldNames === 'code' ? def.code : fieldNames === 'english' ? def.camel : def.zh;
			expect(item[name]).toEqual(expect.any(String));
			expect(item.deviceRecordKey).toEqual(expect.any(String));
			expect(item.versionNumber).toEqual(expect.any(Number));
			const cplx = FIELDS.device.find((f) => f.code === 'CPLX')!;
			const label = { code: 'CPLX_label', english: `${cplx.camel}Label`, chinese: `${cplx.zh}（说明）` }[fieldNames]!;
			expect(['器械', '体外诊断试剂', 'device', 'IVD reagent']).toContain(item[label]);
		},
	);

	it('nested and relational layouts keep the join keys on every item', async () => {
		const nested = (await run(syncDay({ layout: 'nested' }, { returnAll: false, limit: 3 }))).output('UDID');
		expect(nested).toHaveLength(3);
		expect(Array.isArray(nested[0].json.packingList)).toBe(true);
		const relational = (await run(syncDay({ layout: 'relational' }, { returnAll: false, limit: 3 }))).output('UDID');
		expect(new Set(relational.map((i) => i.json.table))).toEqual(
			new Set(['device', 'contact', 'packing', 'storage', 'clinical']),
		);
		const devices = relational.filter((i) => i.json.table === 'device');
		expect(devices).toHaveLength(3);
		for (const item of relational)
			expect(item.json).toEqual(
				expect.objectContaining({ deviceRecordKey: expect.any(String), versionNumber: expect.any(Number) }),
			);
	});

	it('Limit returns exactly that many; Start Page resumes where a stopped run left off', async () => {
		const limited = (await run(syncDay({ concurrency: 1 }, { returnAll: false, limit: 45 }))).output('UDID');
		expect(limited).toHaveLength(45);
		const resumed = (await run(syncDay({ startPage: 3 }))).output('UDID');
		const truth = sim.dayRecords(DAY);
		expect(keysOf(resumed.map((i) => ({ ...i.json, packingList: [] }) as never))).toEqual(keysOf(truth.slice(40)));
	});

	it.each(['Asia/Tokyo', 'America/Los_Angeles', 'Asia/Shanghai'])(
		'a date from {{ $today }} in a workflow in %s means that calendar day',
		async (timezone) => {
			const workflow = udidWorkflow({
				resource: 'device',
				operation: 'syncDay',
				date: '={{ $today.minus({ days: 8 }) }}',
				returnAll: false,
				limit: 1,
			});
			workflow.settings = { timezone };
			const { output, error } = await runWorkflow(workflow, credentials);
			expect(error).toBeUndefined();
			const expected = new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(
				new Date(Date.now() - 8 * 86_400_000),
			);
			expect(output('UDID')[0].json.versionTime).toBe(expected);
		},
	);

	it('reports progress to the logger and, in manual runs, to the editor', async () => {
		captured.uiMessages.length = 0;
		await run(syncDay());
		expect(captured.logs.some((l) => /page \d+\/\d+, \d+ records/.test(l))).toBe(true);
		expect(
			captured.uiMessages.some((m) => m.includes(`NMPA UDID ${DAY}: page 9/9, ${sim.dayRecords(DAY).length} records`)),
		).toBe(true);
		// Auto (the default) names its level; a fixed number does not
		expect(captured.uiMessages.at(-1)).toMatch(/page 9\/9, \d+ records, concurrency auto [1-8] \(peak [2-8]\)/);
		captured.uiMessages.length = 0;
		await run(syncDay({ concurrency: 3 }));
		expect(captured.uiMessages.at(-1)).toMatch(/page 9\/9, \d+ records/);
		expect(captured.uiMessages.join('\n')).not.toMatch(/concurrency auto/);
	});

	it('an expired token mid-sync is refreshed once and the sync is complete', async () => {
		onDataRequest = (n) => n === 3 && sim.expireTokens();
		const { output, error } = await run(syncDay({ concurrency: 1 }));
		expect(error).toBeUndefined();
		expect(output('UDID')).toHaveLength(sim.dayRecords(DAY).length);
	});

	it('quota exhausted mid-sync: the error says how many were fetched and where to resume', async () => {
		onDataRequest = (n) => n === 4 && sim.setRemainingVisits(DEFAULT_APP.appId, 0);
		const { error } = await run(syncDay({ concurrency: 1 }));
		expect(error?.message).toMatch(/returnCode 11/);
		expect(error?.description).toMatch(/80 records were fetched/);
		expect(error?.description).toMatch(new RegExp(`Resume from ${DAY}, page 5`));
	});

	it('quota exhausted mid-sync with continueOnFail: fetched records are emitted, then the error item', async () => {
		onDataRequest = (n) => n === 4 && sim.setRemainingVisits(DEFAULT_APP.appId, 0);
		const { output, error } = await run(syncDay({ concurrency: 1 }), { continueOnFail: true });
		expect(error).toBeUndefined();
		const items = output('UDID');
		expect(items).toHaveLength(81);
		const last = items[80].json;
		expect(last).toMatchObject({ returnCode: 11, fetchedRecords: 80, resumePoint: { rangeValue: DAY, page: 5 } });
		expect(items[80].pairedItem).toEqual({ item: 0 });
	});
});

describe('other operations in the engine', () => {
	it('syncMonth and syncRange equal the ground truth; syncRange by month too', async () => {
		const month = (
			await run({ resource: 'device', operation: 'syncMonth', month: '2026-10', options: { concurrency: 4 } })
		).output('UDID');
		expect(keysOf(month.map((i) => ({ ...i.json, packingList: [] }) as never))).toEqual(
			keysOf(sim.monthRecords('2026-10')),
		);
		const range = (
			await run({
				resource: 'device',
				operation: 'syncRange',
				from: '2026-11-18',
				to: '2026-11-20',
				granularity: 'day',
			})
		).output('UDID');
		const truth = ['2026-11-18', '2026-11-19', '2026-11-20'].flatMap((d) => sim.dayRecords(d));
		expect(keysOf(range.map((i) => ({ ...i.json, packingList: [] }) as never))).toEqual(keysOf(truth));
	});

	it('a range or month can be emitted as a plan (one item per day) to fan out, without calling the API', async () => {
		const before = sim.stats.requests.data;
		const range = (
			await run({
				resource: 'device',
				operation: 'syncRange',
				from: '2026-11-18',
				to: '2026-11-20',
				options: { planOnly: true },
			})
		).output('UDID');
		expect(range.map((i) => i.json)).toEqual([
			{ rangeValue: '2026-11-18', requestType: 'day', index: 1, of: 3 },
			{ rangeValue: '2026-11-19', requestType: 'day', index: 2, of: 3 },
			{ rangeValue: '2026-11-20', requestType: 'day', index: 3, of: 3 },
		]);
		const month = (
			await run({ resource: 'device', operation: 'syncMonth', month: '2026-02', options: { planOnly: true } })
		).output('UDID');
		expect(month).toHaveLength(28);
		expect(sim.stats.requests.data).toBe(before);
		// fan-out: the plan's items drive a Sync Day per item, and together they equal the range
		const fanned = (
			await run(
				{ resource: 'device', operation: 'syncDay', date: '={{ $json.rangeValue }}' },
				{ inputItems: range.map((i) => i.json) },
			)
		).output('UDID');
		expect(fanned).toHaveLength(
			['2026-11-18', '2026-11-19', '2026-11-20'].reduce((n, d) => n + sim.dayRecords(d).length, 0),
		);
	});

	it('getHistory takes keys from input items, one output per version with pairedItem to its input', async () => {
		const keys = sim
			.dayRecords(DAY)
			.filter((r) => Number(r.versionNumber) > 1)
			.slice(0, 3)
			.map((r) => r.deviceRecordKey);
		const { output } = await run(
			{ resource: 'device', operation: 'getHistory', deviceRecordKeys: '={{ $json.key }}' },
			{ inputItems: keys.map((key) => ({ key })) },
		);
		const items = output('UDID');
		keys.forEach((key, index) => {
			const mine = items.filter((i) => (i.pairedItem as { item: number }).item === index);
			expect(mine.map((i) => i.json.versionNumber).sort()).toEqual(
				sim
					.historyOf(key)
					.map((r) => Number(r.versionNumber))
					.sort(),
			);
		});
	});

	it('getByDi finds a DI and reports an unknown one as not found', async () => {
		const truth = sim.dayRecords(DAY)[2];
		const found = (await run({ resource: 'device', operation: 'getByDi', di: truth.ZXXSDYCPBS })).output('UDID');
		expect(found).toHaveLength(1);
		expect(found[0].json).toMatchObject({
			found: true,
			deviceRecordKey: truth.deviceRecordKey,
			ZXXSDYCPBS: truth.ZXXSDYCPBS,
		});
		const missing = (await run({ resource: 'device', operation: 'getByDi', di: '06999999999997' })).output('UDID');
		expect(missing[0].json).toMatchObject({ found: false, di: '06999999999997' });
	});

	it('a scanned GS1 DataMatrix code in → one device item enriched with lot, serial and dates', async () => {
		const truth = sim.dayRecords(DAY).find((r) => /^\d{14}$/.test(String(r.ZXXSDYCPBS)))!;
		const scan = `]d201${truth.ZXXSDYCPBS}17270100\u001d10LOT-7A\u001d21SN0042`;
		const items = (
			await run({ resource: 'device', operation: 'getByDi', di: scan, options: { fieldNames: 'english' } })
		).output('UDID');
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			found: true,
			primaryDi: truth.ZXXSDYCPBS,
			deviceRecordKey: truth.deviceRecordKey,
			scanFormat: 'gs1',
			scanLot: 'LOT-7A',
			scanSerial: 'SN0042',
			scanExpiryDate: '2027-01-31',
		});
		const link = (
			await run({
				resource: 'device',
				operation: 'getByDi',
				di: `https://id.example.cn/01/${truth.ZXXSDYCPBS}/10/B9?17=281231`,
			})
		).output('UDID');
		expect(link[0].json).toMatchObject({
			found: true,
			deviceRecordKey: truth.deviceRecordKey,
			scanFormat: 'gs1-digital-link',
			scanLot: 'B9',
			scanExpiryDate: '2028-12-31',
		});
	});

	it('barcode → parse works offline and explains an invalid code', async () => {
		const ok = (
			await run({ resource: 'barcode', operation: 'parse', code: '(01)06901234567892(17)270101(10)A1B2' }, {}, {})
		).output('UDID');
		expect(ok[0].json).toMatchObject({
			valid: true,
			format: 'gs1',
			di: '06901234567892',
			expiryDate: '2027-01-01',
			lot: 'A1B2',
		});
		const bad = (
			await run({ resource: 'barcode', operation: 'parse', code: '(01)06901234567892(17)231332' }, {}, {})
		).output('UDID');
		expect(bad[0].json).toMatchObject({ valid: false, reason: expect.stringMatching(/17/) });
	});

	it('connection → test and token → get (the token only on request)', async () => {
		const conn = (await run({ resource: 'connection', operation: 'test' })).output('UDID')[0].json;
		expect(conn).toMatchObject({ reachable: true, returnCode: 1, baseUrl: sim.url });
		const token = (await run({ resource: 'token', operation: 'get' })).output('UDID')[0].json;
		expect(token).toMatchObject({ todayRemainVisitCount: expect.any(Number), expiresAt: expect.any(String) });
		expect(token).not.toHaveProperty('accessToken');
		const shown = (await run({ resource: 'token', operation: 'get', options: { includeAccessToken: true } })).output(
			'UDID',
		)[0].json;
		expect(sim.issuedTokens()).toContain(shown.accessToken);
	});

	it('continueOnFail turns one bad input item into an error item and the others still run', async () => {
		const { output, error } = await run(
			{ resource: 'device', operation: 'syncDay', date: '={{ $json.date }}', returnAll: false, limit: 2 },
			{ inputItems: [{ date: DAY }, { date: 'not-a-date' }, { date: '2026-11-19' }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		const items = output('UDID');
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 0, 1, 2, 2]);
		expect(items[2].json.error).toMatch(/Parameter "Date"/);
	});
});

describe('credential test', () => {
	const node = new NmpaUdid();
	const test = (data: ICredentialDataDecryptedObject) =>
		node.methods.credentialTest.nmpaUdidApiTest.call({} as never, { id: 'c', name: 'c', type: 'nmpaUdidApi', data });

	it('succeeds and shows the remaining daily visits', async () => {
		processTokenCache.clear();
		const result = await test(credentials);
		expect(result.status).toBe('OK');
		expect(result.message).toMatch(/\d+ visits left today/);
	});

	it.each([
		[{ appSecret: 'wrong-secret' }, /Return code 3: The appId or appSecret is wrong/],
		[{ tyshxydm: '91350100M000100Y43' }, /Return code 12: .*declaration authorisation/],
		[{ tyshxydm: '91350100M000100Y44' }, /not a valid unified social credit code: check character/],
		[{ tyshxydm: '9135' }, /must be 18 characters/],
		[{ baseUrl: 'ftp://x' }, /Base URL Override/],
		[{ baseUrl: 'http://127.0.0.1:9/api/v2' }, /Could not reach the UDID server/],
		[{ appId: '' }, /App ID .* is empty/],
	])('explains %p in words', async (override, message) => {
		const result = await test({ ...credentials, ...override });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
	});

	it('quota reached is explained', async () => {
		processTokenCache.clear();
		sim.setRemainingVisits(DEFAULT_APP.appId, 0);
		const result = await test(credentials);
		expect(result.message).toMatch(/Return code 11: The daily visit limit/);
	});
});

describe('bad input: each rejected with a clear message naming the parameter, none hangs', () => {
	const cases: Array<[string, IDataObject, RegExp]> = [
		['malformed date', syncDay({}, { date: '2026-11-xx' }), /Parameter "Date": "2026-11-xx" is not a date/],
		['impossible date', syncDay({}, { date: '2026-02-30' }), /not a real calendar date/],
		['two-digit year', syncDay({}, { date: '26-11-20' }), /two-digit years/],
		['future day', syncDay({}, { date: '2099-01-01' }), /in the future/],
		['year before UDID', syncDay({}, { date: '1999-01-01' }), /before the UDID database/],
		['date as number', syncDay({}, { date: 20261120 }), /Parameter "Date"/],
		['month 13', { resource: 'device', operation: 'syncMonth', month: '2026-13' }, /Parameter "Month": month 13/],
		[
			'future month',
			{ resource: 'device', operation: 'syncMonth', month: '2099-01' },
			/Parameter "Month".*in the future/,
		],
		['two-digit year month', { resource: 'device', operation: 'syncMonth', month: '26-10' }, /two-digit years/],
		['malformed month', { resource: 'device', operation: 'syncMonth', month: 'October' }, /is not a month/],
		[
			'to before from',
			{ resource: 'device', operation: 'syncRange', from: '2026-11-20', to: '2026-11-01' },
			/Parameter "To": 2026-11-01 is before From/,
		],
		[
			'month to before from',
			{ resource: 'device', operation: 'syncRange', from: '2026-11', to: '2026-10', granularity: 'month' },
			/Parameter "To": 2026-10 is before From/,
		],
		[
			'empty from (expression)',
			{ resource: 'device', operation: 'syncRange', from: '={{ "" }}' },
			/Parameter "From": is empty/,
		],
		[
			'range too long',
			{ resource: 'device', operation: 'syncRange', from: '2020-01-01', to: '2026-11-01' },
			/at most 400/,
		],
		[
			'unknown granularity',
			{ resource: 'device', operation: 'syncRange', from: '2026-11-01', granularity: 'week' },
			/Parameter "Granularity"/,
		],
		['limit 0', syncDay({}, { returnAll: false, limit: 0 }), /Parameter "Limit": 0 is not allowed/],
		['negative limit', syncDay({}, { returnAll: false, limit: -5 }), /Parameter "Limit"/],
		['fractional limit', syncDay({}, { returnAll: false, limit: 2.5 }), /Parameter "Limit"/],
		['concurrency 0', syncDay({ concurrency: 0 }), /Parameter "Concurrency".*1 to 8/],
		['concurrency 9', syncDay({ concurrency: 9 }), /Parameter "Concurrency"/],
		['start page 0', syncDay({ startPage: 0 }), /Parameter "Start Page"/],
		['unknown layout', syncDay({ layout: 'table' }), /Parameter "Layout"/],
		['unknown field names', syncDay({ fieldNames: 'french' }), /Parameter "Field Names"/],
		['unknown data type', syncDay({ dataType: 'deleted' }), /Parameter "Data Type"/],
		[
			'empty keys',
			{ resource: 'device', operation: 'getHistory', deviceRecordKeys: ' , ,' },
			/Parameter "Device Record Keys": is empty/,
		],
		[
			'malformed key',
			{ resource: 'device', operation: 'getHistory', deviceRecordKeys: 'abc, d e"f' },
			/is not a valid key/,
		],
		['key with quotes', { resource: 'device', operation: 'getHistory', deviceRecordKeys: '"}]' }, /is not a valid key/],
		[
			'empty DI (expression)',
			{ resource: 'device', operation: 'getByDi', di: '={{ "  " }}' },
			/Parameter "DI or Scanned Code": is empty/,
		],
		[
			'DI with bad check digit',
			{ resource: 'device', operation: 'getByDi', di: '(01)06901234567893' },
			/Parameter "DI or Scanned Code"/,
		],
		[
			'malformed resume point',
			syncDay({ resumeFrom: '2026-11-20 page 5' }),
			/Parameter "Resume From".*Accepted: the resumeFrom value/,
		],
		[
			'resume point outside the range',
			syncDay({ resumeFrom: '2026-11-02#5#100' }),
			/Parameter "Resume From": 2026-11-02 is not part of this sync/,
		],
		[
			'empty barcode (expression)',
			{ resource: 'barcode', operation: 'parse', code: '={{ "  " }}' },
			/Parameter "Code": is empty/,
		],
		[
			'DI with letters',
			{ resource: 'device', operation: 'getByDi', di: '0690123456789X' },
			/Parameter "DI or Scanned Code"/,
		],
	];
	const credentialCases: Array<[string, IDataObject, RegExp]> = [
		[
			'wrong credit code check character',
			{ tyshxydm: '91350100M000100Y44' },
			/Registrant Credit Code.*check character/,
		],
		['credit code with forbidden letter', { tyshxydm: '91350100M000100YI3' }, /not allowed/],
		['bad base URL', { baseUrl: 'not a url' }, /Base URL Override/],
		['empty app id', { appId: '  ' }, /App ID/],
		['empty secret', { appSecret: '' }, /App Secret/],
	];

	it.each(cases)('%s', async (_name, parameters, message) => {
		const { error } = await run(parameters);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(message);
		expect(error?.message).toMatch(/Accepted:|Credential field/);
	});

	it.each(credentialCases)('credential: %s', async (_name, override, message) => {
		const { error } = await run(syncDay(), {}, { ...credentials, ...override } as ICredentialDataDecryptedObject);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(message);
	});
});

describe('secrets', () => {
	it('no output, error, log line or editor message of this file holds the app secret or a token (but the one asked for)', () => {
		const secrets = [DEFAULT_APP.appSecret, ...sim.issuedTokens()];
		const text = [...captured.logs, ...captured.uiMessages].join('\n');
		expect(captured.logs.length).toBeGreaterThan(10);
		for (const secret of secrets) expect(text.includes(secret)).toBe(false);
	});
});
