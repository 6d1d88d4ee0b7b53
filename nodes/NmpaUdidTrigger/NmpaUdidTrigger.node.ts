import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { nmpaUdidApiTest } from '../shared/credentialTest';
import { pollOnce } from './poll';
import { triggerProperties } from './trigger.descriptions';

export class NmpaUdidTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NMPA UDID Trigger',
		name: 'nmpaUdidTrigger',
		icon: { light: 'file:../../icons/nmpaUdid.svg', dark: 'file:../../icons/nmpaUdid.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'New and changed device identifiers',
		// n8n shows the trigger's description for the whole app in the nodes panel, so it describes both nodes
		description:
			'Sync medical-device UDI master data from the NMPA UDID data-sharing API (医疗器械唯一标识); the trigger emits what was published or changed since the last poll',
		defaults: { name: 'NMPA UDID Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nmpaUdidApi', required: true, testedBy: 'nmpaUdidApiTest' }],
		properties: triggerProperties,
	};

	methods = { credentialTest: { nmpaUdidApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const items = await pollOnce(this);
		return items.length > 0 ? [items] : null;
	}
}
