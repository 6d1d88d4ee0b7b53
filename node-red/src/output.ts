/**
 * The three output modes. Output 1 carries the data: one message per record, one per page (an array, so a
 * day streams through without being held), or one message with everything. Output 2 carries one summary.
 */
import type { SyncPosition, SyncRow as Shaped } from '../../nodes/udid/sync';
import type { OutputMode } from './params';
import type { NodeMessage, SendFunction } from './red-types';

export class Output {
	private readonly held: Shaped[] = [];
	/** The incoming message's other properties (topic, req/res of an HTTP-in…), kept on what is sent. */
	private readonly base: NodeMessage;
	records = 0;

	constructor(
		private readonly mode: OutputMode,
		private readonly msg: NodeMessage,
		private readonly send: SendFunction,
	) {
		const { payload: _payload, ...rest } = msg;
		this.base = rest;
	}

	/** Shaped rows of one page, as they arrive. */
	page(rows: Shaped[], at: SyncPosition): void {
		this.rows(rows, { rangeValue: at.rangeValue, page: at.page });
	}

	/** Shaped rows with where they come from (msg.udid): a page of a sync, a batch of a release part. */
	rows(rows: Shaped[], udid: Record<string, unknown>): void {
		this.records += rows.length;
		if (this.mode === 'record') this.send([rows.map((payload) => ({ ...this.base, payload, udid })), null]);
		else if (this.mode === 'page') this.send([{ ...this.base, payload: rows, udid }, null]);
		else for (const row of rows) this.held.push(row);
	}

	/** The end of a sync: in "all" mode the one message with everything. */
	finish(): void {
		if (this.mode === 'all') this.result(this.held);
	}

	/** A single answer (test, token, device, parsed code) on output 1, on the incoming message itself. */
	result(payload: unknown): void {
		this.msg.payload = payload;
		this.send([this.msg, null]);
	}

	/** One message of a list on output 1 (e.g. one per release part), keeping the incoming message's properties. */
	item(message: NodeMessage): void {
		this.send([{ ...this.base, ...message }, null]);
	}

	summary(payload: Record<string, unknown>): void {
		this.send([null, { ...this.base, topic: 'summary', payload }]);
	}

	/**
	 * Marks the incoming message for a Catch node after a failure: the resume point, the count fetched, and in
	 * "all" mode the rows fetched so far (in the other modes they were already sent).
	 */
	failed(details: { resumeFrom?: string; fetchedRecords?: number }): void {
		if (details.resumeFrom) this.msg.resumeFrom = details.resumeFrom;
		if (details.fetchedRecords !== undefined) this.msg.fetchedRecords = details.fetchedRecords;
		if (this.mode === 'all' && this.held.length) {
			this.msg.payload = this.held;
			this.msg.partial = true;
		}
	}
}
