import type { INodeProperties } from 'n8n-workflow';
import { MAX_CONCURRENCY } from '../udid/paging';

/** Parameters shared by several operations and by both nodes, defined once and shown where `operations` says. */

export function returnAllAndLimit(resource: string, operations: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show: { resource: [resource], operation: operations } },
			default: true,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { resource: [resource], operation: operations, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

export const layoutOption: INodeProperties = {
	displayName: 'Layout',
	name: 'layout',
	type: 'options',
	options: [
		{
			name: 'Flat (One Row per Device Version)',
			value: 'flat',
			description: 'Every value a scalar; child lists as JSON text plus a readable summary',
		},
		{
			name: 'Nested',
			value: 'nested',
			description: 'Packaging, storage, clinical sizes and contacts embedded as arrays',
		},
		{
			name: 'Relational (One Item per Table Row)',
			value: 'relational',
			description: 'Rows of device / contact / packing / storage / clinical, each with table and join keys',
		},
	],
	default: 'flat',
};

export const outputOptions: INodeProperties[] = [
	layoutOption,
	{
		displayName: 'Field Names',
		name: 'fieldNames',
		type: 'options',
		options: [
			{ name: 'API Codes (e.g. ZXXSDYCPBS)', value: 'code' },
			{ name: 'English camelCase (e.g. primaryDi)', value: 'english' },
			{ name: 'Chinese Labels (e.g. 最小销售单元产品标识)', value: 'chinese' },
		],
		default: 'code',
		description: 'How output fields are named. deviceRecordKey and versionNumber keep their names in every mode.',
	},
	{
		displayName: 'Decode Coded Values',
		name: 'decodeValues',
		type: 'boolean',
		default: false,
		description:
			'Whether to add a readable label next to coded values (product type, consumable/equipment, MR safety, carriers, yes/no)',
	},
	{
		displayName: 'Normalize Types',
		name: 'normalizeTypes',
		type: 'boolean',
		default: false,
		description:
			'Whether to output numbers as numbers, yes/no as booleans, dates as yyyy-MM-dd and empty values as null (the API sends text)',
	},
];

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'options',
	// numbers as values: workflows saved with a fixed number (the earlier number field) keep it
	options: [
		{ name: 'Auto', value: 'auto', description: 'Start at 2, grow while answers are healthy, back off on rate limits' },
		...Array.from({ length: MAX_CONCURRENCY }, (_, i) => ({ name: String(i + 1), value: i + 1 })),
	],
	default: 'auto',
	description:
		'How many pages to request at the same time. Auto adapts to the server and shares one budget per ' +
		`credential across executions; a fixed number (1-${MAX_CONCURRENCY}) is used as is.`,
};

export const pagingOptions: INodeProperties[] = [
	concurrencyOption,
	{
		displayName: 'Start Page',
		name: 'startPage',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'Page to start at, to resume a sync that stopped (the error of a stopped sync names it)',
	},
];

export const filterOptions: INodeProperties[] = [
	{
		displayName: 'Data Type',
		name: 'dataType',
		type: 'options',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Newly Published (新发布)', value: 'new' },
			{ name: 'Changed After Publication (变更)', value: 'changed' },
		],
		default: 'all',
		description: 'D001\'s optional dataType (API V2.1+). Sent only when not "All".',
	},
	{
		displayName: 'Filter: Primary DI (最小销售单元产品标识)',
		name: 'zxxsdycpbs',
		type: 'string',
		default: '',
		description: 'Exact match',
	},
	{
		displayName: 'Filter: Product Name (产品名称)',
		name: 'cpmctymc',
		type: 'string',
		default: '',
		description: 'Fuzzy match',
	},
	{ displayName: 'Filter: Model (规格型号)', name: 'ggxh', type: 'string', default: '', description: 'Fuzzy match' },
	{
		displayName: 'Filter: Registrant Name (注册/备案人名称)',
		name: 'ylqxzcrbarmc',
		type: 'string',
		default: '',
		description: 'Fuzzy match',
	},
	{
		displayName: 'Filter: Registration Number (注册/备案证号)',
		name: 'zczbhhzbapzbh',
		type: 'string',
		default: '',
		description: 'Fuzzy match',
	},
];
