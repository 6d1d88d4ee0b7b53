import { startSimulator, type Simulator } from '../simulator';
import { agent, dayParams, manualClock, NOON_2024_05_20, post, tokenParams } from './helpers';

const DAY = '2024-05-10';
type Device = Record<string, string>;

describe('data published while paging', () => {
	let sim: Simulator;
	let accessToken: string;
	const keysOf = (answer: { dataSet: { deviceInfo: Device[] } }) =>
		answer.dataSet.deviceInfo.map((d) => d.deviceRecordKey);

	beforeEach(async () => {
		sim = await startSimulator({ perDay: 100, now: manualClock(NOON_2024_05_20).now });
		accessToken = (await post(`${sim.url}/token/get`, tokenParams())).accessToken;
	});
	afterEach(() => sim.close());
	afterAll(() => agent.close());

	it('publishDuringPaging publishes once, at the head, so records shift to later pages and totals grow', async () => {
		const before = sim.dayRecords(DAY);
		sim.publishDuringPaging(DAY, { afterPage: 1, count: 5 });
		const page1 = await post(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 1));
		expect(page1.totalRecordCount).toBe(String(before.length));
		const page2 = await post(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 2));
		expect(page2.totalRecordCount).toBe(String(before.length + 5));
		// the last five of page 1 come again at the top of page 2
		expect(keysOf(page2).slice(0, 5)).toEqual(keysOf(page1).slice(15));
		const after = sim.dayRecords(DAY);
		expect(after.length).toBe(before.length + 5);
		expect(after.slice(5)).toEqual(before);
		expect(after.slice(0, 5).every((r) => r.versionTime === DAY)).toBe(true);
		const again = await post(`${sim.url}/sharing/get`, dayParams(accessToken, DAY, 3));
		expect(again.totalRecordCount).toBe(String(before.length + 5)); // first time only
	});

	it('fires for a month request covering the date too', async () => {
		sim.publishDuringPaging(DAY, { afterPage: 2, count: 3 });
		const month = { accessToken, requestType: '2', rangeValue: '2024-05' };
		const total = +(await post(`${sim.url}/sharing/get`, { ...month, currentPageNumber: '1' })).totalRecordCount;
		const later = await post(`${sim.url}/sharing/get`, { ...month, currentPageNumber: '3' });
		expect(+later.totalRecordCount).toBe(total + 3);
	});

	it('publish adds late versions at the head, new records and updates of existing ones', async () => {
		const before = sim.dayRecords(DAY);
		const week = ['2024-05-04', '2024-05-05', '2024-05-06', '2024-05-07', '2024-05-08', '2024-05-09', DAY];
		const known = new Set(week.flatMap((d) => sim.dayRecords(d).map((r) => r.deviceRecordKey)));
		const made = sim.publish(DAY, 4, { updates: 2 });
		expect(made.length).toBe(4);
		expect(sim.dayRecords(DAY).slice(0, 4)).toEqual(made);
		expect(sim.dayRecords(DAY).slice(4)).toEqual(before);
		const updates = made.filter((r) => known.has(r.deviceRecordKey));
		expect(updates.length).toBe(2);
		for (const update of updates) {
			expect(update.versionStatus).toBe('更新');
			const history = sim.historyOf(update.deviceRecordKey);
			expect(history[0]).toEqual(update);
			expect(+history[1].versionNumber).toBe(+update.versionNumber - 1);
			expect(history[1].versionTime <= DAY).toBe(true);
			expect(history[1].ZXXSDYCPBS).toBe(update.ZXXSDYCPBS);
			expect(sim.findByDi(update.ZXXSDYCPBS)).toEqual(update);
		}
		for (const record of made.filter((r) => !updates.includes(r))) {
			expect(record).toMatchObject({ versionNumber: '1', versionStatus: '新增', versionTime: DAY, CPBSFBRQ: DAY });
			expect(sim.findByDi(record.ZXXSDYCPBS)).toEqual(record);
			expect(sim.historyOf(record.deviceRecordKey)).toEqual([record]);
		}
		const d002 = await post(`${sim.url}/sharing/history/get`, {
			accessToken,
			dataSet: [{ deviceRecordKey: updates[0].deviceRecordKey }],
			currentPageNumber: '1',
		});
		expect(d002.dataSet.deviceInfo[0].versionNumber).toBe(updates[0].versionNumber);
		// a second publish continues the indexes: no key is reused
		const more = sim.publish(DAY, 3);
		const keys = new Set([...made, ...more].map((r) => r.deviceRecordKey));
		expect(keys.size).toBe(7);
	});

	it('publish on today interleaves with the records still to come', async () => {
		const clock = manualClock(NOON_2024_05_20);
		const other = await startSimulator({ perDay: 200, now: clock.now });
		try {
			const today = '2024-05-20';
			const visible = other.dayRecords(today).length;
			const [late] = other.publish(today, 1);
			expect(other.dayRecords(today)[0]).toEqual(late);
			clock.advance(3 * 3600_000);
			const later = other.dayRecords(today);
			const position = later.findIndex((r) => r.deviceRecordKey === late.deviceRecordKey);
			expect(position).toBe(later.length - visible - 1);
		} finally {
			await other.close();
		}
	});
});
