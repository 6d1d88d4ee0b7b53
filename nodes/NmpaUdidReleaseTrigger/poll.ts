import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { chinaToday, parseDay } from '../udid/calendar';
import { listPackages } from '../udid/releases';
import { kindsFrom, releaseNodeError, siteSettingsFrom } from '../shared/releases';
import { advanceCursor, readCursor } from './cursor';

/**
 * One poll: read the feeds of the chosen kinds, emit each package not emitted before (one item per package,
 * the same fields as List), and keep the cursor in the node's static data. A manual run ("Fetch Test Event")
 * returns the newest package as a sample and leaves the cursor alone. A feed that cannot be read fails the
 * poll and moves nothing, so the next poll tries again.
 */
export async function pollReleases(ctx: IPollFunctions): Promise<INodeExecutionData[]> {
	const today = chinaToday();
	let settings;
	try {
		const options = ctx.getNodeParameter('options', {}) as IDataObject;
		const rawStart = ctx.getNodeParameter('startDate', '') as unknown;
		settings = {
			kinds: kindsFrom(ctx.getNodeParameter('kinds', ['daily'])),
			start:
				rawStart === '' || rawStart === null || rawStart === undefined
					? today
					: parseDay('Start Date', rawStart, { today }),
			site: siteSettingsFrom(options),
		};
	} catch (error) {
		throw releaseNodeError(ctx.getNode(), error, 0);
	}
	const manual = ctx.getMode() === 'manual';
	// a manual run neither reads nor creates the node's static data
	const staticData = manual ? {} : ctx.getWorkflowStaticData('node');
	const cursor = readCursor(staticData.releaseCursor, settings.start);
	let packages;
	try {
		packages = await listPackages({
			kinds: settings.kinds,
			from: manual ? undefined : cursor.watermark,
			...settings.site,
		});
	} catch (error) {
		throw releaseNodeError(ctx.getNode(), error, 0);
	}
	if (manual) return packages.slice(-1).map((pkg) => ({ json: { ...pkg } as IDataObject }));
	const next = advanceCursor(cursor, packages);
	staticData.releaseCursor = next.cursor as unknown as IDataObject;
	ctx.logger.info(
		`NMPA UDID Release Trigger: ${next.emit.length} new package(s) of ${packages.length} listed (${settings.kinds.join(', ')})`,
	);
	return next.emit.map((pkg) => ({ json: { ...pkg } as IDataObject }));
}
