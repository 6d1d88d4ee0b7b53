import {
	defaultCacheDir,
	n8nUserFolder,
	newPackages,
	parseFeed,
	type ReleasePackage,
} from '../../../nodes/udid/releases';

const FEED = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>每日更新数据</title>
<item><title>UDID_DAY_UPDATE_20260916.zip</title><link>https://udid.nmpa.gov.cn/attachments/attachment/download.html?path=A1&amp;x=1</link>
<description><![CDATA[每日更新数据，包含13086产品标识数量]]></description><pubDate>Thu, 17 Sep 2026 02:00:00 +0800</pubDate></item>
<item><title>UDID_DAY_UPDATE_20260917</title><link>https://udid.nmpa.gov.cn/d?path=B2</link><description>无说明</description></item>
<item><title>说明文档.pdf</title><link>https://udi.nmpa.gov.cn/x.pdf</link></item>
</channel></rss>`;

describe('feed', () => {
	it('reads name, dates, link, publication time and the stated record count; skips what is no package', () => {
		const [first, second, ...rest] = parseFeed(FEED);
		expect(first).toEqual({
			kind: 'daily',
			name: 'UDID_DAY_UPDATE_20260916.zip',
			startDate: '2026-09-16',
			endDate: '2026-09-16',
			link: 'https://udid.nmpa.gov.cn/attachments/attachment/download.html?path=A1&x=1',
			published: '2026-09-16T18:00:00.000Z',
			description: '每日更新数据，包含13086产品标识数量',
			recordCount: 13086,
		});
		expect(second).toMatchObject({
			name: 'UDID_DAY_UPDATE_20260917.zip',
			recordCount: undefined,
			published: undefined,
		});
		expect(rest).toEqual([]);
	});
});

describe('trigger cursor', () => {
	const pkg = (day: string): ReleasePackage =>
		({
			kind: 'daily',
			name: `UDID_DAY_UPDATE_${day.replace(/-/g, '')}.zip`,
			startDate: day,
			endDate: day,
		}) as ReleasePackage;

	it('emits each package once, oldest first, across polls whatever order the feed lists them in', () => {
		const first = newPackages([pkg('2026-09-16'), pkg('2026-09-15')], undefined, 'none');
		expect(first.fresh).toEqual([]);
		const second = newPackages([pkg('2026-09-17'), pkg('2026-09-18'), pkg('2026-09-16')], first.cursor);
		expect(second.fresh.map((p) => p.endDate)).toEqual(['2026-09-17', '2026-09-18']);
		expect(newPackages([pkg('2026-09-18'), pkg('2026-09-17')], second.cursor).fresh).toEqual([]);
		expect(JSON.parse(JSON.stringify(second.cursor))).toEqual(second.cursor);
	});

	it('on the first poll emits the newest or all when asked', () => {
		const listed = [pkg('2026-09-16'), pkg('2026-09-15')];
		expect(newPackages(listed, undefined, 'latest').fresh.map((p) => p.endDate)).toEqual(['2026-09-16']);
		expect(newPackages(listed, undefined, 'all').fresh.map((p) => p.endDate)).toEqual(['2026-09-15', '2026-09-16']);
	});
});

describe('cache folder', () => {
	it("defaults inside n8n's user folder, following N8N_USER_FOLDER like n8n does", () => {
		expect(n8nUserFolder({}, '/home/node')).toBe('/home/node/.n8n');
		expect(n8nUserFolder({ N8N_USER_FOLDER: '/data' }, '/home/node')).toBe('/data/.n8n');
		expect(defaultCacheDir('/data/.n8n')).toBe('/data/.n8n/nmpa-udid-releases');
	});
});
