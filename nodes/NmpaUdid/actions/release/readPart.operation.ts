import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { wholeNumber } from '../../../udid/parameter-error';
import { readPart, readXml } from '../../../udid/releases';
import { outputOptions, returnAllAndLimit } from '../../../shared/descriptions';
import { readMaxRecords, readShape } from '../../../shared/params';
import { cacheDirFrom, cacheFolderOption, releaseNodeError, siteOptions } from '../../../shared/releases';
import type { OperationExecute } from '../types';
import { binaryInput, binaryZipToDisk } from './binary';
import { locatePackage, packageProperties, selectParts } from './package';
import { readParts, type PartSource, type ReadSettings } from './read';

const show = { resource: ['release'], operation: ['readPart'] };

const readOptions: INodeProperties[] = [
	{
		displayName: 'On Header Count Mismatch',
		name: 'onCountMismatch',
		type: 'options',
		options: [
			{ name: 'Fail (Records Read Are Kept With Continue On Fail)', value: 'error' },
			{ name: 'Warn and Go On', value: 'warn' },
		],
		default: 'error',
		description:
			"What to do when a part's header (numberRkeyecordXML) states a different count than the records it holds",
	},
	{
		displayName: 'Output Part Summary',
		name: 'partSummary',
		type: 'boolean',
		default: false,
		description:
			'Whether to add one item per part read after its records: partSummary = true, headerCount, devicesRead, countMatches and the repairs made (bare &, control characters, HTML entities, …)',
	},
	{
		displayName: 'Max Records per Execution',
		name: 'maxRecordsPerExecution',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 20000,
		description:
			'Stop instead of running out of memory when more device records than this would be read (a whole large package); 0 turns the guard off. Fan large packages out with Get Parts and a sub-workflow per part.',
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'inputSource',
		type: 'options',
		options: [
			{
				name: 'Package (Feed or Cache)',
				value: 'package',
				description: 'A package by name, downloaded into the cache folder when needed',
			},
			{
				name: 'Binary File of the Input Item',
				value: 'binary',
				description: 'A zip or XML part fetched by HTTP Request or Read File',
			},
		],
		default: 'package',
		displayOptions: { show },
	},
	...packageProperties({ ...show, inputSource: ['package'] }),
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Binary property of the input item that holds the zip or the XML part',
		displayOptions: { show: { ...show, inputSource: ['binary'] } },
	},
	{
		displayName: 'Part',
		name: 'part',
		type: 'string',
		default: '',
		placeholder: '{{ $json.entry }} after Get Parts, or 26',
		description:
			'Which part of the zip: the entry Get Parts gives, or the n of PARTn_Of_m; empty reads every part (small packages only). Ignored for an XML input.',
		displayOptions: { show },
	},
	...returnAllAndLimit('release', ['readPart']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [...outputOptions, ...readOptions, cacheFolderOption, ...siteOptions].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

function readSettings(ctx: IExecuteFunctions, itemIndex: number): ReadSettings {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, true) as boolean;
	return {
		shape: readShape(ctx, itemIndex),
		limit: returnAll ? undefined : wholeNumber(ctx.getNodeParameter('limit', itemIndex, 50), 'Limit', 1, Infinity),
		maxRecords: readMaxRecords(ctx, itemIndex),
		failOnCountMismatch: options.onCountMismatch !== 'warn',
		summaryItems: options.partSummary === true,
	};
}

/** The records of one part (or of every part of a small package) from the cache/feed or from an input binary. */
export const execute: OperationExecute = async function (itemIndex, out) {
	let cleanup: (() => void) | undefined;
	try {
		const settings = readSettings(this, itemIndex);
		const partParam = this.getNodeParameter('part', itemIndex, '');
		let sources: PartSource[];
		if (this.getNodeParameter('inputSource', itemIndex, 'package') === 'binary') {
			const input = await binaryInput(
				this,
				itemIndex,
				String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim(),
			);
			if (input.kind === 'xml') {
				sources = [{ package: input.label, entry: input.label, read: (o) => readXml(input.open, input.label, o) }];
			} else {
				const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
				const zip = await binaryZipToDisk(input, cacheDirFrom(options));
				cleanup = zip.remove;
				sources = selectParts(zip.parts, partParam, input.label).map((p) => ({
					...p,
					package: input.label,
					read: (o) => readPart(p, o),
				}));
			}
		} else {
			const { name, disk } = await locatePackage(this, itemIndex);
			sources = selectParts(disk.parts, partParam, name).map((p) => ({
				...p,
				package: name,
				read: (o) => readPart(p, o),
			}));
		}
		await readParts(this, itemIndex, sources, settings, out);
	} catch (error) {
		throw releaseNodeError(this.getNode(), error, itemIndex);
	} finally {
		cleanup?.();
	}
};
