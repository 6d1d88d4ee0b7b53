import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { DI_FORM, lookUpDevice } from '../../../udid/device-lookup';
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

/** D003: the current version of one DI, merged with the production data parsed from a scanned code. */
export const execute: OperationExecute = async function (itemIndex, out) {
	const input = String(this.getNodeParameter('di', itemIndex, '') ?? '').trim();
	if (!input) fail(this, itemIndex, 'DI or Scanned Code', 'is empty', DI_FORM);
	const shape = readShape(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const client = await udidClient(this);
	const found = await lookUpDevice(client, input, this.getExecutionCancelSignal?.()).catch((error: unknown) => {
		throw toNodeError(this.getNode(), error, itemIndex);
	});
	if (!found.ok) fail(this, itemIndex, 'DI or Scanned Code', found.reason, DI_FORM);
	const { di, scan, record } = found;
	if (!record) {
		if (options.emitNotFound !== false)
			out.push({ json: { found: false, di, ...scan }, pairedItem: { item: itemIndex } });
		return;
	}
	for (const json of shapeRecord(record, shape)) {
		out.push({ json: { ...json, found: true, ...scan }, pairedItem: { item: itemIndex } });
	}
};
