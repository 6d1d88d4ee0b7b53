import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class NmpaUdidApi implements ICredentialType {
	name = 'nmpaUdidApi';

	displayName = 'NMPA UDID API';

	icon: Icon = { light: 'file:../icons/nmpaUdid.svg', dark: 'file:../icons/nmpaUdid.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-nmpa-udid/n8n-nodes-nmpa-udid#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'App ID (应用码)',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			description: 'The appId the UDID data-sharing platform issued to your organisation',
		},
		{
			displayName: 'App Secret (应用授权码)',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Registrant Credit Code (统一社会信用代码)',
			name: 'tyshxydm',
			type: 'string',
			default: '',
			required: true,
			placeholder: '91350100M000100Y43',
			description:
				"18-character unified social credit code (TYSHXYDM, GB 32100) of the registrant/filer whose authorisation you use; a foreign registrant uses its Chinese agent's code",
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production (正式环境)', value: 'production' },
				{ name: 'Test (测试环境)', value: 'test' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8089/api/v2',
			description:
				"Leave empty to use the environment's address. Set it for the built-in simulator or a company gateway.",
		},
		{
			displayName: 'Legacy TLS (SECLEVEL=1)',
			name: 'legacyTls',
			type: 'boolean',
			default: false,
			description: "Whether to lower OpenSSL's security level for servers with old TLS settings",
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the certificate cannot be verified (self-signed company gateways only)',
		},
	];
}
