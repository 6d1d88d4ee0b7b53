import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import jsoncParser from 'jsonc-eslint-parser';
import tseslint from 'typescript-eslint';

const shipped = ['nodes/**/*.ts', 'credentials/**/*.ts'];

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs', 'examples/output/**'] },
	...tseslint.configs.recommended,
	{
		files: shipped,
		...n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport,
		rules: {
			...n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport.rules,
			// The product's design fixes three runtime dependencies: undici (HTTP with keep-alive, proxy support
			// and per-request timeouts the API's gateways need), zod (validating the regulator's answers) and
			// yauzl (reading the bulk-release zips: central directory, one entry at a time).
			// This is the one place those rules are switched off.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		// The n8n shell and its shared glue only: the core under nodes/udid has no node descriptions for these rules to read.
		files: ['nodes/NmpaUdid*/**/*.ts', 'nodes/shared/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// n8n 2.x declares connections with the typed NodeConnectionTypes constants, which the newer
			// '@n8n/community-nodes/node-connection-type-literal' rule asks for; the older rules want 'main'.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		// The UDID core (client, paging, shaping, identifiers) is framework-free by design so it can be tested
		// and reused without n8n; it throws its own typed errors, which nodes/shared/errors.ts maps to NodeApiError /
		// NodeOperationError in one place.
		files: ['nodes/udid/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// "Only applicable to nodes in the main repository" (the rule's own words): community credentials
			// link to their README with a full URL, which '@n8n/community-nodes/credential-documentation-url' checks.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
			],
		},
	},
);
