/**
 * The CLI→server job protocol: POST /api/admin/run with {argv, actor} and
 * `Authorization: Bearer <token>`; the answer is NDJSON lines, each one of these.
 */
export type HandoffMessage =
	| { type: 'out'; text: string }
	| { type: 'err'; text: string }
	| { type: 'exit'; code: number };

export interface HandoffRequest {
	argv: string[];
	actor: string;
}

export const HANDOFF_PATH = '/api/admin/run';
