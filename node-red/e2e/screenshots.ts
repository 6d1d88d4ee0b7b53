/**
 * Editor screenshots for the docs, taken with playwright-core driving Debian's Chromium against the running
 * Node-RED: the palette with the NMPA UDID category, a flow, and the config dialog in Chinese.
 */
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { onCleanup } from '../../test/e2e/lib/proc';
import { check, log } from '../../test/e2e/lib/report';
import type { NodeRed } from './node-red';

interface Locator {
	click(o?: object): Promise<void>;
	dblclick(o?: object): Promise<void>;
	fill(value: string): Promise<void>;
	waitFor(o?: object): Promise<void>;
	first(): Locator;
}
interface Page {
	goto(url: string, o?: object): Promise<unknown>;
	reload(o?: object): Promise<unknown>;
	evaluate(fn: string): Promise<unknown>;
	locator(selector: string): Locator;
	waitForTimeout(ms: number): Promise<void>;
	screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown>;
	setDefaultTimeout(ms: number): void;
	keyboard: { type(text: string): Promise<void>; press(key: string): Promise<void> };
}
interface BrowserContext {
	newPage(): Promise<Page>;
	close(): Promise<void>;
}
interface Playwright {
	chromium: { launchPersistentContext(userDataDir: string, o: object): Promise<BrowserContext> };
}

export interface ScreenshotOptions {
	red: NodeRed;
	playwrightDir: string;
	chromium: string;
	outDir: string;
	work: string;
}

async function openEditor(
	playwright: Playwright,
	o: ScreenshotOptions,
	locale: string,
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await playwright.chromium.launchPersistentContext(mkdtempSync(join(o.work, 'chromium-')), {
		executablePath: o.chromium,
		headless: true,
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-dev-shm-usage',
			`--lang=${locale}`,
		],
		viewport: { width: 1440, height: 860 },
		locale,
		timezoneId: 'Asia/Shanghai',
	});
	onCleanup(`Chromium ${locale}`, () => context.close().catch(() => undefined));
	const page = await context.newPage();
	page.setDefaultTimeout(30_000);
	// Signed in with the e2e's admin token, as the login form would leave it.
	await page.goto(o.red.url + '/', { waitUntil: 'domcontentloaded' });
	await page.evaluate(
		`localStorage.setItem('auth-tokens', JSON.stringify({ access_token: ${JSON.stringify(o.red.token)}, expires_in: 604800, token_type: 'Bearer' }))`,
	);
	await page.reload({ waitUntil: 'load' });
	await page.locator('.red-ui-palette-node[data-palette-type="nmpa-udid"]').first().waitFor({ state: 'attached' });
	await page.waitForTimeout(1500);
	return { context, page };
}

async function shot(page: Page, file: string, what: string): Promise<void> {
	try {
		await page.screenshot({ path: file });
		check(`screenshot: ${what}`, statSync(file).size > 10_000);
	} catch (error) {
		check(`screenshot: ${what}`, false, error instanceof Error ? error.message : String(error));
	}
}

async function openTab(page: Page, label: string): Promise<void> {
	await page.locator(`.red-ui-tab:has-text("${label}")`).first().click();
	await page.waitForTimeout(800);
}

export async function takeScreenshots(o: ScreenshotOptions): Promise<void> {
	const playwright = createRequire(join(o.playwrightDir, 'package.json'))('playwright-core') as Playwright;
	mkdirSync(o.outDir, { recursive: true });
	const english = await openEditor(playwright, o, 'en-US');
	try {
		const page = english.page;
		await page.locator('#red-ui-palette-search input').first().click();
		await page.keyboard.type('udid');
		await page.waitForTimeout(500);
		await openTab(page, 'daily sync into a file');
		await shot(
			page,
			join(o.outDir, 'node-red-palette.png'),
			'the palette with the NMPA UDID category, and the daily flow',
		);
		await openTab(page, 'scanned barcode');
		await shot(page, join(o.outDir, 'node-red-flow-barcode.png'), 'the barcode → device flow');
	} finally {
		await english.context.close();
	}
	const chinese = await openEditor(playwright, o, 'zh-CN');
	try {
		const page = chinese.page;
		await openTab(page, 'daily sync into a file');
		await page.locator('#nmpa-udid-daily-sync').first().dblclick();
		await page.locator('#node-input-operation').first().waitFor();
		await page.waitForTimeout(600);
		await shot(page, join(o.outDir, 'node-red-node-dialog-zh.png'), 'the nmpa-udid dialog in Chinese');
		// The pencil next to the connection: its id changed in Node-RED 4.1 (node-input-btn-<property>-edit).
		await page.locator('#node-input-btn-server-edit, #node-input-lookup-server').first().click();
		await page.locator('#node-config-input-tyshxydm').first().waitFor();
		// The button in a real browser: the editor posts the dialog to the admin endpoint with its own login.
		await page.locator('#nmpa-udid-config-test').first().click();
		await page.locator('#nmpa-udid-config-test-result:has-text("连接成功")').first().waitFor();
		check('the "测试连接" (test connection) button answers in the editor', true);
		await page.waitForTimeout(300);
		await shot(page, join(o.outDir, 'node-red-config-dialog-zh.png'), 'the config dialog in Chinese');
	} finally {
		await chinese.context.close();
	}
	log(`  screenshots in ${o.outDir}`);
}
