import type { IDataObject, IDisplayOptions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ParameterError } from '../udid/parameter-error';
import {
	defaultCacheDir,
	DEFAULT_RELEASE_BASE_URL,
	RELEASE_KINDS,
	UdidReleaseError,
	type ReleaseKind,
} from '../udid/releases';
import type { HttpOptions } from '../udid/client/http';

/**
 * n8n glue of the bulk releases (公开数据下载) shared by the action node's `release` resource and the Release
 * Trigger: the kind picker, the download-site options and reading them, and turning a release error into the
 * error a user sees. No credential is involved anywhere on this path.
 */

export const kindsProperty = (show?: IDisplayOptions['show']): INodeProperties => ({
	displayName: 'Package Kinds',
	name: 'kinds',
	type: 'multiOptions',
	options: [
		{
			name: 'Daily Update (每日更新)',
			value: 'daily',
			description: 'UDID_DAY_UPDATE_yyyyMMdd.zip, one day of changes',
		},
		{
			name: 'Full Release (全量数据)',
			value: 'full',
			description: 'UDID_FULL_RELEASE_yyyyMMdd.zip, the whole database',
		},
		{
			name: 'Monthly Update (每月更新)',
			value: 'monthly',
			description: 'UDID_MONTH_UPDATE_yyyyMM.zip, a zip of daily zips',
		},
		{ name: 'Weekly Update (每周更新)', value: 'weekly', description: 'UDID_WEEKLY_UPDATE_yyyyMMdd_yyyyMMdd.zip' },
	],
	default: ['daily'],
	description: 'Which of the four RSS feeds of the download site to read',
	...(show ? { displayOptions: { show } } : {}),
});

export const siteOptions: INodeProperties[] = [
	{
		displayName: 'Download Site URL',
		name: 'baseUrl',
		type: 'string',
		default: '',
		placeholder: DEFAULT_RELEASE_BASE_URL,
		description: `Origin of the feeds and packages; empty means ${DEFAULT_RELEASE_BASE_URL}. Set it for a mirror, a company proxy or the simulator.`,
	},
	{
		displayName: 'Legacy TLS',
		name: 'legacyTls',
		type: 'boolean',
		default: false,
		description: 'Whether to accept servers with old TLS settings (OpenSSL security level 1)',
	},
	{
		displayName: 'Ignore SSL Issues (Insecure)',
		name: 'ignoreSslIssues',
		type: 'boolean',
		default: false,
		description:
			'Whether to connect even if the certificate cannot be verified (a company gateway with its own certificate)',
	},
];

export const cacheFolderOption: INodeProperties = {
	displayName: 'Cache Folder',
	name: 'cacheFolder',
	type: 'string',
	default: '',
	placeholder: '~/.n8n/nmpa-udid-releases',
	description:
		"Where packages are downloaded and kept. Empty means nmpa-udid-releases inside n8n's user folder ($N8N_USER_FOLDER/.n8n, else ~/.n8n). A full release needs about 300 MB, a monthly package about twice its size.",
};

export interface SiteSettings {
	baseUrl?: string;
	http: HttpOptions;
}

const URL_FORM =
	'an http(s) origin such as https://udi.nmpa.gov.cn or http://127.0.0.1:8090 (empty for the official site)';

/** Base URL and TLS switches from an `options` collection; a malformed URL is a ParameterError naming it. */
export function siteSettingsFrom(options: IDataObject): SiteSettings {
	const raw = String(options.baseUrl ?? '').trim();
	if (raw !== '' && !/^https?:\/\/[^\s/]+/i.test(raw))
		throw new ParameterError('Download Site URL', `"${raw.slice(0, 80)}" is not a URL`, URL_FORM);
	return {
		baseUrl: raw === '' ? undefined : raw.replace(/\/+$/, ''),
		http: { legacyTls: options.legacyTls === true, ignoreCertificate: options.ignoreSslIssues === true },
	};
}

/** The cache folder option, or the default inside n8n's user folder. */
export function cacheDirFrom(options: IDataObject): string {
	const raw = String(options.cacheFolder ?? '').trim();
	if (raw === '') return defaultCacheDir();
	if (raw === '~' || raw.startsWith('~/')) return join(homedir(), raw.slice(2));
	return raw;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An optional yyyy-MM-dd (a Date or a date-time is cut to its day); undefined when empty. */
export function optionalDay(value: unknown, parameter: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = value instanceof Date ? value.toISOString() : String(value).trim();
	const day = text.slice(0, 10);
	if (!DATE.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
		throw new ParameterError(
			parameter,
			`"${text.slice(0, 40)}" is not a date`,
			'a date in the form yyyy-MM-dd (日期), e.g. 2026-11-01, or empty',
		);
	}
	return day;
}

/** The chosen kinds; none chosen is a bad parameter (an empty feed list would silently read nothing). */
export function kindsFrom(value: unknown): ReleaseKind[] {
	const list = (Array.isArray(value) ? value : String(value ?? '').split(','))
		.map((k) => String(k).trim())
		.filter(Boolean);
	const unknown = list.filter((k) => !RELEASE_KINDS.includes(k as ReleaseKind));
	if (list.length === 0 || unknown.length) {
		throw new ParameterError(
			'Package Kinds',
			list.length ? `"${unknown.join(', ')}" is not a kind` : 'no kind is chosen',
			RELEASE_KINDS.join(', '),
		);
	}
	return [...new Set(list)] as ReleaseKind[];
}

const ADVICE: Partial<Record<UdidReleaseError['failure'], string>> = {
	zip: 'The file is not a complete zip. A download is re-fetched on the next run (nothing half-written is kept); for an input binary, fetch the file again.',
	crc: 'A part does not match its checksum: delete the package from the cache folder and run again to download it anew.',
	count:
		'The part\'s header (numberRkeyecordXML) states a different number of records than it holds. The records read are in the output with "Continue On Fail"; the option "On Header Count Mismatch" can turn this into a warning.',
	feed: 'Check the Download Site URL option, or try later: the site answers with something that is not its RSS feed.',
	network:
		'Check the network, a proxy (HTTP(S)_PROXY) or the Download Site URL option; a partial download resumes on the next run.',
	http: 'The site refused the download; check the package name and the Download Site URL option.',
	size: 'The connection ended early; the next run resumes the download.',
};

/** A release error as the NodeOperationError the user sees: its message plus what to do about it. */
export function releaseNodeError(node: INode, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof ParameterError) return new NodeOperationError(node, error.message, { itemIndex });
	if (error instanceof UdidReleaseError) {
		const nodeError = new NodeOperationError(node, error.message, { itemIndex, description: ADVICE[error.failure] });
		// n8n swaps a message that mentions ECONNREFUSED, ETIMEDOUT, … for a generic sentence without the URL
		nodeError.message = error.message;
		Object.assign(nodeError.context, { failure: error.failure, retryable: error.retryable });
		return nodeError;
	}
	return new NodeOperationError(node, error instanceof Error ? error.message : String(error), { itemIndex });
}
