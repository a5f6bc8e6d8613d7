import { DomainError, type DomainErrorKind } from '../errors.ts';
import type { DashboardProblem, Localized } from '../../dashboards/contract.ts';

/** Why a dashboard request cannot be answered; a client gets the problems with the message. */
export class DashboardError extends DomainError {
	constructor(
		kind: DomainErrorKind,
		code: string,
		message: string,
		/** For a file that does not parse: each problem with its line. */
		readonly problems: DashboardProblem[] = [],
		/** The file's title when its front matter could be read. */
		readonly title: Localized | null = null
	) {
		super(kind, code, message, problems.length ? { problems } : {});
	}
}

/** One line summarising a file's problems, e.g. for an API error message. */
export function summariseProblems(problems: DashboardProblem[]): string {
	const [first] = problems;
	if (!first) return 'the dashboard file has errors';
	const where = first.line ? `${first.file}:${first.line}` : first.file;
	const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
	return `${where}: ${first.message}${more}`;
}
