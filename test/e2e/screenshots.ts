/**
 * Screenshots of the nodes in n8n's editor for the docs, taken with playwright-core (from the e2e cache, not a
 * devDependency of the repo) driving Debian's Chromium against the running n8n.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { onCleanup } from './lib/proc';
import { check, log } from './lib/report';
import type { WorkflowFile } from './lib/workflows';

/** The slice of playwright-core's API used here (it is loaded at run time from the cache folder). */
interface Locator {
	click(o?: object): Promise<void>;
	dblclick(o?: object): Promise<void>;
	waitFor(o?: object): Promise<void>;
	first(): Locator;
	count(): Promise<number>;
}
interface Page {
	goto(url: string, o?: object): Promise<unknown>;
	fill(selector: string, value: string): Promise<void>;
	click(selector: string, o?: object): Promise<void>;
	locator(selector: string): Locator;
	waitForURL(test: (url: URL) => boolean, o?: object): Promise<void>;
	waitForTimeout(ms: number): Promise<void>;
	screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown>;
	setDefaultTimeout(ms: number): void;
	keyboard: { type(text: string): Promise<void>; press(key: string): Promise<void> };
	on(event: 'pageerror', fn: (e: Error) => void): void;
}
interface BrowserContext {
	pages(): Page[];
	newPage(): Promise<Page>;
	close(): Promise<void>;
}
interface Playwright {
	chromium: { launchPersistentContext(userDataDir: string, o: object): Promise<BrowserContext> };
}

export interface ScreenshotOptions {
	playwrightDir: string;
	chromium: string;
	baseUrl: string;
	owner: { email: string; password: string };
	outDir: string;
	work: string;
	/** A workflow whose node "NMPA UDID" (Sync Day) uses the simulator credential. */
	workflowId: string;
	examples: WorkflowFile[];
	/** Parameter panels to show: a node of an imported workflow, opened in the editor. */
	panels?: Array<{ name: string; what: string; workflowId: string; node: string }>;
}

export async function takeScreenshots(o: ScreenshotOptions): Promise<void> {
	const playwright = createRequire(join(o.playwrightDir, 'package.json'))('playwright-core') as Playwright;
	mkdirSync(o.outDir, { recursive: true });
	const profile = mkdtempSync(join(o.work, 'chromium-profile-'));
	// A fresh profile (--user-data-dir) per run: playwright takes it as launchPersistentContext's first argument.
	const context = await playwright.chromium.launchPersistentContext(profile, {
		executablePath: o.chromium,
		headless: true,
		// The e2e's own signal handlers stop everything (Chromium included) and print the summary.
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
		timeout: 60_000,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
		],
		viewport: { width: 1440, height: 900 },
		deviceScaleFactor: 1,
		locale: 'en-US',
		timezoneId: 'Asia/Shanghai',
	});
	onCleanup('Chromium', () => context.close().catch(() => undefined));
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(30_000);
		page.on('pageerror', (e) => log(`  (page error: ${e.message.slice(0, 160)})`));

		const shot = async (name: string, what: string, action: () => Promise<void>) => {
			const file = join(o.outDir, `${name}.png`);
			try {
				await action();
				await page.screenshot({ path: file });
				const size = statSync(file).size;
				check(`screenshot ${name}.png: ${what} (${Math.round(size / 1024)} KB)`, size > 15_000, `only ${size} bytes`);
			} catch (error) {
				check(
					`screenshot ${name}.png: ${what}`,
					false,
					error instanceof Error ? error.message.split('\n')[0] : String(error),
				);
				await page.keyboard.press('Escape').catch(() => undefined);
			}
		};

		await page.goto(`${o.baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
		await page.fill('input[name="emailOrLdapLoginId"]', o.owner.email);
		await page.fill('input[name="password"]', o.owner.password);
		await page.click('[data-test-id="form-submit-button"]');
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 60_000 });
		check('signed in to the editor', true);

		const openWorkflow = async (id: string) => {
			await page.goto(`${o.baseUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
			await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
			await page.waitForTimeout(1000);
		};
		const node = (name: string) => page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);

		await openWorkflow(o.workflowId);
		await shot('nodes-panel', 'the nodes panel finds "UDID"', async () => {
			await page.click('[data-test-id="node-creator-plus-button"]');
			await page.locator('[data-test-id="node-creator-search-bar"]').waitFor();
			await page.keyboard.type('UDID');
			await page.locator('[data-test-id="item-iterator-item"]').first().waitFor();
			await page.waitForTimeout(800);
		});
		await shot('nodes-panel-actions', 'the actions of the NMPA UDID node', async () => {
			await page.locator('[data-test-id="item-iterator-item"]:has-text("NMPA UDID")').first().click();
			await page.locator('[data-test-id="node-creator-action-item"]').first().waitFor();
			await page.waitForTimeout(800);
		});
		await openWorkflow(o.workflowId);
		await shot('node-operations', 'the parameter panel with the operations list', async () => {
			await node('NMPA UDID').dblclick();
			await page.locator('[data-test-id="ndv"]').waitFor();
			await page.click('[data-test-id="parameter-input-operation"]');
			await page.locator('.el-select-dropdown__item:has-text("Sync Month")').first().waitFor();
			await page.waitForTimeout(600);
		});
		await page.keyboard.press('Escape');
		await shot('node-output', 'Sync Day executed in the editor, with its output table', async () => {
			await page.waitForTimeout(300);
			await page.click('[data-test-id="node-execute-button"]');
			await page.locator('[data-test-id="ndv"] >> text=/\\d+ items?/').first().waitFor({ timeout: 120_000 });
			await page.waitForTimeout(1500);
		});
		await shot('credential', 'the credential dialog, connection tested', async () => {
			await page.click('[data-test-id="credential-edit-button"]');
			await page.locator('[data-test-id="credentials-config-container-test-success"]').waitFor({ timeout: 60_000 });
			await page.waitForTimeout(500);
		});
		for (const panel of o.panels ?? []) {
			await openWorkflow(panel.workflowId);
			await shot(panel.name, panel.what, async () => {
				await node(panel.node).dblclick();
				await page.locator('[data-test-id="ndv"]').waitFor();
				await page.waitForTimeout(800);
			});
			await page.keyboard.press('Escape');
		}
		for (const wf of o.examples) {
			await shot(`workflow-${slug(wf.name)}`, `canvas of "${wf.name}"`, async () => {
				await openWorkflow(wf.id!);
				await page.click('[data-test-id="zoom-to-fit"]');
				await page.waitForTimeout(1200);
			});
		}
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
}

function slug(name: string): string {
	return name
		.replace(/^NMPA UDID\s*[–-]\s*/, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 40);
}
