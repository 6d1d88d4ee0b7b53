import type { INodeProperties } from 'n8n-workflow';
import { parseIdentifier } from '../../../udid/identifiers';
import { fail } from '../../../shared/params';
import type { OperationExecute } from '../types';

export const description: INodeProperties[] = [
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		default: '',
		required: true,
		placeholder: '(01)06901234567892(17)270101(10)A1B2',
		description:
			'What the scanner or the spreadsheet holds: a GS1 element string (with parentheses, FNC1/GS separators or a symbology identifier such as ]d2), a GS1 Digital Link URI, an MA code (IDcode) or an Ali Health code',
		displayOptions: { show: { resource: ['barcode'], operation: ['parse'] } },
	},
];

/** Offline: splits a scanned UDI into DI and production identifiers; needs no credential. */
export const execute: OperationExecute = async function (itemIndex, out) {
	const code = this.getNodeParameter('code', itemIndex, '') as unknown;
	if (typeof code !== 'string' && typeof code !== 'number')
		fail(this, itemIndex, 'Code', `${JSON.stringify(code)} is not text`, 'the scanned text');
	const text = String(code);
	if (text.trim() === '')
		fail(this, itemIndex, 'Code', 'is empty', 'the scanned text, e.g. (01)06901234567892(17)270101(10)A1B2');
	const result = parseIdentifier(text);
	out.push({
		json: { ...result, ais: { ...result.ais }, elements: result.elements.map((e) => ({ ...e })) },
		pairedItem: { item: itemIndex },
	});
};
