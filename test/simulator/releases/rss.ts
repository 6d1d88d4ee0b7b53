/** The RSS 2.0 feed of one kind of package, as the download site publishes it. */
import type { SimPackage, SimReleaseKind } from './catalog';
import { escapeXml } from './xml';

const TITLES: Record<SimReleaseKind, string> = {
	daily: '每日更新数据',
	weekly: '每周更新数据',
	monthly: '每月更新数据',
	full: '全量数据',
};

export function rssFeed(kind: SimReleaseKind, items: Array<{ pkg: SimPackage; link: string; count: number }>): string {
	const entries = items.map(
		({ pkg, link, count }) =>
			'<item>' +
			`<title>${escapeXml(pkg.name)}</title>` +
			`<link>${escapeXml(link)}</link>` +
			`<description><![CDATA[${TITLES[kind]}，包含${count}产品标识数量]]></description>` +
			`<pubDate>${pkg.published.toUTCString().replace('GMT', '+0000')}</pubDate>` +
			'</item>',
	);
	return (
		'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>' +
		`<title>医疗器械唯一标识数据库 ${TITLES[kind]}</title><link>https://udi.nmpa.gov.cn/download.html</link>` +
		`<description>${TITLES[kind]}</description>${entries.join('\n')}</channel></rss>\n`
	);
}
