import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { parseIdentifier } from '../../../udid/identifiers';
import { UdidApiError } from '../../../udid/client/errors';
import type { DeviceRecord } from '../../../udid/records';
import { shapeRecord } from '../../../udid/shape';
import { outputOptions } from '../../../shared/descriptions';
import { fail, readShape } from '../../../shared/params';
import type { OperationExecute } from '../types';
import { toNodeError } from '../../../shared/errors';
import { udidClient } from '../../../shared/transport';

export const description: INodeProperties[] = [
	{
		displayName: 'DI or Scanned Code',
		name: 'di',
		type: 'string',
		default: '',
		required: true,
		placeholder: '06901234567892 or (01)06901234567892(17)270101(10)A1B2',
		description:
			'Minimum sales unit product identifier (最小销售单元产品标识), or a whole scanned UDI (GS1 with or without parentheses/FNC1, GS1 Digital Link, MA code): the DI is taken from it and the lot, serial and dates are added to the output',
		displayOptions: { show: { resource: ['device'], operation: ['getByDi'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['device'], operation: ['getByDi'] } },
		options: [
			...outputOptions,
			{
				displayName: 'Output Not Found as Item',
				name: 'emitNotFound',
				type: 'boolean',
				default: true,
				description: 'Whether an unknown DI gives an item with found = false (true) or no item at all (false)',
			},
		],
	},
];

/** Production data from the scanned code, as scalar columns so the flat layout stays flat. */
const SCAN_COLUMNS = [
	['lot', 'scanLot'],
	['serial', 'scanSerial'],
	['productionDate', 'scanProductionDate'],
	['expiryDate', 'scanExpiryDate'],
	['sterilisationLot', 'scanSterilisationLot'],
] as const;

const DI_FORM = 'a DI (GTIN-14 like 06901234567892, an MA code, or another registered DI) or a whole scanned UDI';

/** D003: the current version of one DI, merged with the production data parsed from a scanned code. */
export const execute: OperationExecute = async function (itemIndex, out) {
	const input = String(this.getNodeParameter('di', itemIndex, '') ?? '').trim();
	if (!input) fail(this, itemIndex, 'DI or Scanned Code', 'is empty', DI_FORM);
	const parsed = parseIdentifier(input);
	let di = input;
	const scan: IDataObject = {};
	if (parsed.format !== 'unknown') {
		if (!parsed.valid || !parsed.di) fail(this, itemIndex, 'DI or Scanned Code', `"${input.slice(0, 80)}" is not a valid ${parsed.format} code: ${parsed.reason ?? 'no DI in it'}`, DI_FORM);
		di = parsed.di;
		scan.scanFormat = parsed.format;
		for (const [key, column] of SCAN_COLUMNS) if (parsed[key] !== null) scan[column] = parsed[key];
	} else if (/\s/.test(input) || input.length > 120) {
		fail(this, itemIndex, 'DI or Scanned Code', `"${input.slice(0, 80)}" is not a DI: ${parsed.reason ?? 'unrecognised format'}`, DI_FORM);
	}
	const shape = readShape(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const client = await udidClient(this);
	// errorCode 4 is "data does not exist": an unknown DI is an answer, not a failure.
	const page = await client.getSingle(di, this.getExecutionCancelSignal?.()).catch((error: unknown) => {
		if (error instanceof UdidApiError && error.errorCode === 4) return undefined;
		throw toNodeError(this.getNode(), error, itemIndex);
	});
	const record: DeviceRecord | undefined = page?.records.find((r) => String(r.ZXXSDYCPBS ?? '') === di) ?? page?.records[0];
	if (!record) {
		if (options.emitNotFound !== false) out.push({ json: { found: false, di, ...scan }, pairedItem: { item: itemIndex } });
		return;
	}
	for (const json of shapeRecord(record, shape)) {
		out.push({ json: { ...json, found: true, ...scan }, pairedItem: { item: itemIndex } });
	}
};
