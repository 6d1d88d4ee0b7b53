/**
 * The four RSS feeds of the download site (daily, weekly, monthly, full) read into packages: kind, name, the
 * dates the name states, link, publication time, and the record count when the description states one
 * (`包含N产品标识数量`).
 */
import { request } from 'undici';
import { sharedDispatcher, type HttpOptions } from '../client/http';
import { UdidReleaseError } from './errors';
import { parsePackageName, RELEASE_KINDS, type ReleaseKind } from './names';
import { decodeText, emptyRepairs } from './text-repair';

export const DEFAULT_RELEASE_BASE_URL = 'https://udi.nmpa.gov.cn';

export interface ReleasePackage {
	kind: ReleaseKind;
	/** Zip name as the feed titles it, e.g. UDID_DAY_UPDATE_20260916.zip. */
	name: string;
	/** Days covered (yyyy-MM-dd); a full release has its release date in both. */
	startDate: string;
	endDate: string;
	link: string;
	/** ISO time of the feed's pubDate, undefined when missing or unreadable. */
	published?: string;
	description: string;
	/** Device identifiers the description states, undefined when it states none. */
	recordCount?: number;
}

const ITEM = /<item\b[^>]*>([\s\S]*?)<\/item>/gi;
const COUNT = /包含\s*(\d+)\s*产品标识数量/;

function tagText(item: string, tag: string): string {
	const m = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'i').exec(item);
	if (!m) return '';
	const raw = m[1].trim();
	const cdata = /^<!\[CDATA\[([\s\S]*?)\]\]>$/.exec(raw);
	return (cdata ? cdata[1] : decodeText(raw, emptyRepairs())).trim();
}

/**
 * Parses one feed. Items whose title is not a package name of a known form are skipped (the feed's other
 * entries); `kind`, when given, is what the feed was asked for and wins over nothing (names carry their kind).
 */
export function parseFeed(xml: string): ReleasePackage[] {
	const packages: ReleasePackage[] = [];
	for (const m of xml.matchAll(ITEM)) {
		const item = m[1];
		const title = tagText(item, 'title');
		const link = tagText(item, 'link');
		const name = /\.zip$/i.test(title) ? title : `${title}.zip`;
		const parsed = parsePackageName(name);
		if (!parsed || !link) continue;
		const description = tagText(item, 'description');
		const count = COUNT.exec(description);
		const pubDate = Date.parse(tagText(item, 'pubDate'));
		packages.push({
			...parsed,
			name,
			link,
			published: Number.isFinite(pubDate) ? new Date(pubDate).toISOString() : undefined,
			description,
			recordCount: count ? Number(count[1]) : undefined,
		});
	}
	return packages;
}

export interface FeedOptions {
	/** Site origin, default https://udi.nmpa.gov.cn (a simulator, mirror or company proxy may stand in). */
	baseUrl?: string;
	http?: HttpOptions;
	timeoutMs?: number;
	signal?: AbortSignal;
}

export function feedUrl(kind: ReleaseKind, baseUrl = DEFAULT_RELEASE_BASE_URL): string {
	return `${baseUrl.replace(/\/+$/, '')}/rss/download.html?files=${kind}`;
}

/** Reads one feed. */
export async function fetchFeed(kind: ReleaseKind, options: FeedOptions = {}): Promise<ReleasePackage[]> {
	if (!RELEASE_KINDS.includes(kind)) {
		throw new UdidReleaseError('input', `Release kind "${String(kind)}" is not one of ${RELEASE_KINDS.join(', ')}`);
	}
	const url = feedUrl(kind, options.baseUrl);
	const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
	try {
		const res = await request(url, {
			headers: { accept: 'application/rss+xml, application/xml, text/xml' },
			dispatcher: sharedDispatcher(options.http),
			signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
		});
		const text = await res.body.text();
		if (res.statusCode !== 200) {
			const message = `${kind} feed at ${url} answered HTTP ${res.statusCode}`;
			throw new UdidReleaseError('feed', message, { httpStatus: res.statusCode, retryable: res.statusCode >= 500 });
		}
		if (!/<rss\b|<channel\b/i.test(text)) {
			const message = `${kind} feed at ${url} is not RSS (a gateway or error page?)`;
			throw new UdidReleaseError('feed', message, { retryable: true });
		}
		return parseFeed(text).filter((p) => p.kind === kind);
	} catch (error) {
		if (error instanceof UdidReleaseError) throw error;
		const code = (error as { code?: string })?.code ?? (error as Error)?.message;
		throw new UdidReleaseError('network', `${kind} feed at ${url} could not be read (${code})`, { cause: error });
	}
}

export interface ListPackagesOptions extends FeedOptions {
	kinds?: ReleaseKind[];
	/** Keep packages whose covered days overlap [from, to] (yyyy-MM-dd, both optional). */
	from?: string;
	to?: string;
}

/** The packages of the chosen kinds, oldest first, filtered by the days they cover. */
export async function listPackages(options: ListPackagesOptions = {}): Promise<ReleasePackage[]> {
	for (const [name, value] of [
		['from', options.from],
		['to', options.to],
	] as const) {
		if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
			const message = `Release list parameter "${name}" must be a date in the form yyyy-MM-dd (日期), got "${value}"`;
			throw new UdidReleaseError('input', message);
		}
	}
	const kinds = options.kinds?.length ? options.kinds : RELEASE_KINDS;
	const lists = await Promise.all(kinds.map((kind) => fetchFeed(kind, options)));
	return lists
		.flat()
		.filter((p) => options.from === undefined || p.endDate >= options.from)
		.filter((p) => options.to === undefined || p.startDate <= options.to)
		.sort((a, b) => (a.endDate < b.endDate ? -1 : a.endDate > b.endDate ? 1 : a.name < b.name ? -1 : 1));
}
