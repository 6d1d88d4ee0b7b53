import type { IDataObject, IDisplayOptions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ParameterError } from '../udid/parameter-error';
import { defaultCacheDir, DEFAULT_RELEASE_BASE_URL, UdidReleaseError, type ReleaseKind } from '../udid/releases';
import { optionalReleaseDay, releaseKindsFrom, releaseSiteFrom, type ReleaseSite } from '../udid/releases/locate';

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

export type SiteSettings = ReleaseSite;

/** Base URL and TLS switches from an `options` collection; the checks are the core's, shared with Node-RED. */
export function siteSettingsFrom(options: IDataObject): SiteSettings {
	const settings = {
		baseUrl: options.baseUrl,
		legacyTls: options.legacyTls === true,
		ignoreCertificate: options.ignoreSslIssues === true,
	};
	return releaseSiteFrom(settings, 'Download Site URL');
}

/** The cache folder option, or the default inside n8n's user folder. */
export function cacheDirFrom(options: IDataObject): string {
	const raw = String(options.cacheFolder ?? '').trim();
	if (raw === '') return defaultCacheDir();
	if (raw === '~' || raw.startsWith('~/')) return join(homedir(), raw.slice(2));
	return raw;
}

export const optionalDay = optionalReleaseDay;

/** The chosen kinds; none chosen is a bad parameter (an empty feed list would silently read nothing). */
export const kindsFrom = (value: unknown): ReleaseKind[] => releaseKindsFrom(value, 'Package Kinds');

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
