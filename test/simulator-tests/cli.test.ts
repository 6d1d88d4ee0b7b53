import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_APP } from '../simulator';
import { agent, post, tokenParams } from './helpers';

afterAll(() => agent.close());

it('runs from the command line, prints the base URL and demo credentials, never the secret or tokens', async () => {
	const cli = join(__dirname, '..', 'simulator', 'cli.ts');
	const child = spawn(
		process.execPath,
		['-r', 'ts-node/register/transpile-only', cli, '--port', '0', '--seed', '5', '--per-day', '100', '--latency', '1'],
		{
			cwd: join(__dirname, '..', '..'),
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	try {
		const url = await new Promise<string>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 25_000);
			const poll = setInterval(() => {
				const match = /base URL\s+(http:\/\/\S+\/api\/v2)/.exec(output);
				if (match) {
					clearInterval(poll);
					clearTimeout(timer);
					resolve(match[1]);
				}
			}, 50);
		});
		expect(output).toContain(DEFAULT_APP.appId);
		for (const code of DEFAULT_APP.creditCodes) expect(output).toContain(code);
		expect(output).toContain('seed 5, about 100 records a day');
		expect(await post(`${url}/connection/test`)).toMatchObject({ returnCode: 1 });
		const { accessToken } = await post(`${url}/token/get`, tokenParams());
		await post(`${url}/sharing/get`, {
			accessToken,
			requestType: '1',
			rangeValue: '2024-05-10',
			currentPageNumber: '1',
		});
		await new Promise((r) => setTimeout(r, 200));
		expect(output).toContain('POST /api/v2/sharing/get → 200 returnCode 1');
		expect(output).not.toContain(DEFAULT_APP.appSecret);
		expect(output).not.toContain(accessToken);
	} finally {
		child.kill('SIGTERM');
	}
	expect(await exited).toBe(0);
}, 40_000);
