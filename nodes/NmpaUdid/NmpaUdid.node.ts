import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as barcode from './actions/barcode';
import * as connection from './actions/connection';
import * as device from './actions/device';
import * as release from './actions/release';
import { router } from './actions/router';
import * as token from './actions/token';
import { nmpaUdidApiTest } from '../shared/credentialTest';

export class NmpaUdid implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NMPA UDID',
		name: 'nmpaUdid',
		icon: { light: 'file:../../icons/nmpaUdid.svg', dark: 'file:../../icons/nmpaUdid.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle:
			'={{ {"test":"Test Connection","get":"Get Token Info","syncDay":"Sync Day","syncMonth":"Sync Month","syncRange":"Sync Range","getHistory":"Get History","getByDi":"Get by DI","parse":"Parse Barcode","list":"List Release Packages","getParts":"Get Release Parts","readPart":"Read Release Part"}[$parameter["operation"]] }}',
		description:
			'Sync medical-device UDI master data from the NMPA UDID data-sharing API (医疗器械唯一标识数据共享) and its public bulk releases',
		defaults: { name: 'NMPA UDID' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'nmpaUdidApi',
				required: true,
				testedBy: 'nmpaUdidApiTest',
				// the offline barcode parser and the public bulk releases need no credential
				displayOptions: { hide: { resource: ['barcode', 'release'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Barcode', value: 'barcode', description: 'Parse a scanned UDI offline (no credential needed)' },
					{ name: 'Connection', value: 'connection' },
					{ name: 'Device', value: 'device', description: 'Device identifier master data' },
					{
						name: 'Release',
						value: 'release',
						description: 'Public bulk XML packages (公开数据下载), no credential needed',
					},
					{ name: 'Token', value: 'token' },
				],
				default: 'device',
			},
			...barcode.description,
			...connection.description,
			...device.description,
			...release.description,
			...token.description,
		],
	};

	methods = { credentialTest: { nmpaUdidApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
