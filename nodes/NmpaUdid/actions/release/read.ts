import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { PartReading, PartSummary } from '../../../udid/releases';
import { shapeRecord, type ShapeOptions } from '../../../udid/shape';

/** One part to read: where it is (for messages and the summary) and how to start reading it. */
export interface PartSource {
	package: string;
	entry: string;
	part?: number;
	of?: number;
	read(options: { failOnCountMismatch: boolean; onWarning: (line: string) => void; signal?: AbortSignal }): PartReading;
}

export interface ReadSettings {
	shape: ShapeOptions;
	/** Device versions to emit at most (Return All off). */
	limit?: number;
	/** The memory guard (Max Records per Execution), undefined when off. */
	maxRecords?: number;
	failOnCountMismatch: boolean;
	summaryItems: boolean;
}

/**
 * Streams the parts' records into `out` as shaped items, part after part, so that a failure part-way (a header
 * mismatch at the end of a part, a CRC error) leaves every record read so far in `out`. Repairs and warnings go
 * to n8n's log and the output pane's hints; with "Output Part Summary" each part also gets a summary item.
 */
export async function readParts(
	ctx: IExecuteFunctions,
	itemIndex: number,
	sources: PartSource[],
	settings: ReadSettings,
	out: INodeExecutionData[],
): Promise<void> {
	let emitted = 0;
	const signal = ctx.getExecutionCancelSignal?.();
	for (const source of sources) {
		const warnings: string[] = [];
		const onWarning = (line: string) => {
			warnings.push(line);
			ctx.logger.warn(`NMPA UDID Read Part: ${line}`);
		};
		const reading = source.read({ failOnCountMismatch: settings.failOnCountMismatch, onWarning, signal });
		let complete = true;
		try {
			reading: for await (const records of reading.batches()) {
				for (const record of records) {
					if (settings.limit !== undefined && emitted >= settings.limit) {
						complete = false;
						break reading;
					}
					if (settings.maxRecords !== undefined && emitted >= settings.maxRecords)
						throw tooMany(ctx, itemIndex, settings.maxRecords, source);
					emitted++;
					for (const json of shapeRecord(record, settings.shape))
						out.push({ json: json as IDataObject, pairedItem: { item: itemIndex } });
				}
			}
		} finally {
			if (warnings.length)
				ctx.addExecutionHints?.({
					message: warnings.join(' · ').slice(0, 2000),
					type: 'warning',
					location: 'outputPane',
				});
			if (settings.summaryItems)
				out.push({ json: summaryJson(source, reading.summary, complete, warnings), pairedItem: { item: itemIndex } });
		}
		if (!complete) return;
	}
}

function summaryJson(source: PartSource, summary: PartSummary, complete: boolean, warnings: string[]): IDataObject {
	return {
		partSummary: true,
		package: source.package,
		entry: source.entry,
		...(source.part !== undefined ? { part: source.part, of: source.of } : {}),
		complete,
		headerCount: summary.headerCount ?? null,
		devicesRead: summary.devicesRead,
		recordsEmitted: summary.recordsEmitted,
		countMatches: summary.countMatches,
		repairs: { ...summary.repairs },
		rejected: summary.rejected.map((r) => ({ ...r })),
		strayValues: summary.strayValues,
		warnings,
	};
}

function tooMany(
	ctx: IExecuteFunctions,
	itemIndex: number,
	maxRecords: number,
	source: PartSource,
): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`Stopped before running out of memory: more than ${maxRecords} records (Max Records per Execution) at ${source.package} ${source.entry}`,
		{
			itemIndex,
			description:
				'One execution holds all its items in memory. Read one part per execution instead: Get Parts, then Read Part with Part = {{ $json.entry }} in a sub-workflow (Execute Workflow), or raise the option "Max Records per Execution" on purpose.',
		},
	);
}
