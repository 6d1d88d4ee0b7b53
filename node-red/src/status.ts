/** node.status for a running operation: page x/y, records, daily visits left; at most a few updates a second. */
import type { RedNode } from './red-types';

const THROTTLE_MS = 500;

export class StatusReporter {
	private last = 0;

	constructor(
		private readonly node: RedNode,
		/** Daily visits left as the last token answer reported them, when known. */
		private readonly visitsLeft: () => number | undefined = () => undefined,
	) {}

	private visits(): string {
		const left = this.visitsLeft();
		return left === undefined ? '' : ` · ${left} visits left`;
	}

	running(text: string): void {
		this.node.status({ fill: 'blue', shape: 'dot', text });
	}

	/** `level`: the adaptive concurrency ("auto 3 (peak 4)"), shown when the setting is Auto. */
	progress(
		label: string,
		pagesDone: number,
		totalPages: number,
		records: number,
		remainingVisits?: number,
		level?: string,
	): void {
		const now = Date.now();
		if (now - this.last < THROTTLE_MS) return;
		this.last = now;
		const visits = remainingVisits === undefined ? '' : ` · ${remainingVisits} visits left`;
		this.node.status({
			fill: 'blue',
			shape: 'dot',
			text: `${label}: page ${pagesDone}/${totalPages} · ${records} records${level ? ` · ${level}` : ''}${visits}`,
		});
	}

	/** A running operation's progress in free text (download, records read), at most a few updates a second. */
	throttled(text: string): void {
		const now = Date.now();
		if (now - this.last < THROTTLE_MS) return;
		this.last = now;
		this.running(text);
	}

	done(text: string): void {
		this.node.status({ fill: 'green', shape: 'dot', text: text + this.visits() });
	}

	failed(text: string): void {
		this.node.status({ fill: 'red', shape: 'ring', text: text.length > 80 ? `${text.slice(0, 77)}…` : text });
	}

	stopped(text: string): void {
		this.node.status({ fill: 'yellow', shape: 'ring', text });
	}
}
