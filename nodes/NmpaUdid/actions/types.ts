import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * An operation handles one input item and appends its output items to `out` as it produces them, so that a
 * failure part-way still leaves what was fetched in `out` (the router emits it when continueOnFail is on).
 */
export type OperationExecute = (this: IExecuteFunctions, itemIndex: number, out: INodeExecutionData[]) => Promise<void>;
