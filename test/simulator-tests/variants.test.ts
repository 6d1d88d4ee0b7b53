import { startSimulator, type Simulator } from '../simulator';
import { agent, dayParams, post, postRaw, tokenParams } from './helpers';

const DAY = '2024-05-10';

describe('answer variants', () => {
	let sim: Simulator;
	let accessToken: string;
	const page = () => postRaw(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 1));

	beforeAll(async () => {
		sim = await startSimulator({ perDay: 100 });
		accessToken = (await post(`${sim.url}/token/get`, tokenParams())).accessToken;
	});
	afterEach(() => sim.setVariant({}));
	afterAll(async () => {
		await sim.close();
		await agent.close();
	});

	it('answers numbers for returnCode and strings for page counts by default', async () => {
		const json = JSON.parse((await page()).text);
		expect(json.returnCode).toBe(1);
		expect(typeof json.totalPageCount).toBe('string');
		expect(typeof json.totalRecordCount).toBe('string');
		expect(typeof json.currentPageNumber).toBe('string');
	});

	it('stringCodes: returnCode, errorCode and the token numbers as strings', async () => {
		sim.setVariant({ stringCodes: true });
		expect(JSON.parse((await page()).text).returnCode).toBe('1');
		const bad = await post(`${sim.url}/sharing/get`, dayParams(accessToken, '2024-13-01', 1));
		expect(bad).toMatchObject({ returnCode: '8', errorCode: '3' });
		sim.expireTokens();
		const token = await post(`${sim.url}/token/get`, tokenParams());
		expect(token).toMatchObject({ returnCode: '1', expiresIn: '7200' });
		expect(typeof token.todayRemainVisitCount).toBe('string');
		accessToken = token.accessToken;
	});

	it('lowerCaseKeys: upper-case codes in lower case everywhere in dataSet, camelCase names unchanged', async () => {
		sim.setVariant({ lowerCaseKeys: true });
		const json = JSON.parse((await page()).text);
		const device = json.dataSet.deviceInfo[0];
		expect(device).toHaveProperty('zxxsdycpbs');
		expect(device).toHaveProperty('cpmctymc');
		expect(device).toHaveProperty('deviceRecordKey');
		expect(device).toHaveProperty('versionNumber');
		expect(device).not.toHaveProperty('ZXXSDYCPBS');
		expect(Object.keys(device.contactList[0])).toEqual(['qylxryx', 'qylxrdh', 'qylxrcz']);
		const packing = json.dataSet.packingInfo[0];
		expect(Object.keys(packing)).toEqual(['deviceRecordKey', 'bzcpbs', 'bznhxyjbzcpbs', 'bznhxyjcpbssl', 'cpbzjb']);
		expect(Object.keys(json.dataSet.storageInfo[0])).toContain('cchcztj');
		expect(sim.dayRecords(DAY)[0].ZXXSDYCPBS).toBe(device.zxxsdycpbs);
	});

	it('doubleEncodedToken: only the token answer is a JSON string of JSON', async () => {
		sim.setVariant({ doubleEncodedToken: true });
		const raw = await postRaw(`${sim.url}/token/get`, tokenParams());
		const once = JSON.parse(raw.text);
		expect(typeof once).toBe('string');
		expect(raw.text.startsWith('"{\\"returnCode\\":')).toBe(true);
		expect(JSON.parse(once)).toMatchObject({ returnCode: 9, accessToken });
		expect(typeof JSON.parse((await page()).text)).toBe('object');
	});

	it('doubleEncodedAll: every answer so', async () => {
		sim.setVariant({ doubleEncodedAll: true });
		expect(JSON.parse(JSON.parse((await page()).text)).returnCode).toBe(1);
		expect(JSON.parse(JSON.parse((await postRaw(`${sim.url}/connection/test`)).text)).returnCode).toBe(1);
	});

	it('bom: answers start with a UTF-8 byte order mark', async () => {
		sim.setVariant({ bom: true });
		const raw = await page();
		expect(raw.text.charCodeAt(0)).toBe(0xfeff);
		expect(JSON.parse(raw.text.slice(1)).returnCode).toBe(1);
	});

	it('combines variants and takes variant options at start', async () => {
		const other = await startSimulator({
			perDay: 10,
			variant: { bom: true, doubleEncodedAll: true, stringCodes: true },
		});
		try {
			const raw = await postRaw(`${other.url}/connection/test`);
			expect(raw.text.charCodeAt(0)).toBe(0xfeff);
			expect(JSON.parse(JSON.parse(raw.text.slice(1)))).toEqual({ returnCode: '1', returnMsg: '连通性测试成功' });
		} finally {
			await other.close();
		}
	});
});
