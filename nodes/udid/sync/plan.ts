import type { UdidClient } from '../client/client';
import { ParameterError } from '../parameter-error';
import { RESUME_FROM_FORM } from '../resume';
import type { SyncOptions, SyncPlan } from './types';
import type { Walk } from './walk';

/** Keys per D002 request: the document sets no maximum; small batches keep each answer and retry small. */
export const KEYS_PER_REQUEST = 20;

/** The plan's walks, in order: one per day or month, or one per batch of KEYS_PER_REQUEST keys. */
export function walksOf(client: UdidClient, plan: SyncPlan): Walk[] {
	if (plan.kind === 'keys') {
		const walks: Walk[] = [];
		for (let i = 0; i < plan.keys.length; i += KEYS_PER_REQUEST) {
			const batch = plan.keys.slice(i, i + KEYS_PER_REQUEST);
			walks.push({
				label: historyLabel(batch),
				fetchPage: (page, signal) => client.getHistoryPage(batch, page, signal),
			});
		}
		return walks;
	}
	const requestType = plan.kind === 'days' ? 'day' : 'month';
	const rangeValues = plan.kind === 'days' ? plan.days : plan.months;
	return rangeValues.map((rangeValue) => {
		const query = { requestType, rangeValue, ...plan.sharing } as const;
		return { label: rangeValue, rangeValue, fetchPage: (page, signal) => client.getSharingPage(query, page, signal) };
	});
}

/** "history of 20 keys (k1, …)": how progress and warnings name a D002 walk. */
function historyLabel(batch: readonly string[]): string {
	const more = batch.length > 1;
	return `history of ${batch.length} key${more ? 's' : ''} (${batch[0]}${more ? ', …' : ''})`;
}

/** Where the run starts: the walk to begin with, its first page and the total a stopped run had seen. */
export interface StartPoint {
	walkIndex: number;
	startPage: number;
	knownTotal?: number;
}

/**
 * `resumeFrom` (D001 plans) names the walk and page; otherwise `startPage` applies to the first walk. A resume
 * point outside the plan is a ParameterError (shells validate it first with validateResumePoint).
 */
export function startPointOf(
	walks: readonly Walk[],
	options: Pick<SyncOptions, 'resumeFrom' | 'startPage'>,
): StartPoint {
	const resume = options.resumeFrom;
	if (!resume) return { walkIndex: 0, startPage: options.startPage ?? 1 };
	const walkIndex = walks.findIndex((walk) => walk.rangeValue !== undefined && walk.rangeValue === resume.rangeValue);
	if (walkIndex < 0) {
		throw new ParameterError(
			'resumeFrom',
			`${resume.rangeValue} is not part of this sync`,
			`${RESUME_FROM_FORM}, of a run of this same sync`,
		);
	}
	return { walkIndex, startPage: resume.page, knownTotal: resume.knownTotal };
}
