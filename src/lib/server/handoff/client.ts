import { HANDOFF_PATH, type HandoffMessage, type HandoffRequest } from './protocol.ts';
import type { ServerInfo } from './server-info.ts';

/** The server went away while it had the job (killed, crashed, stopped): said in one sentence, not a socket stack trace. */
export class ServerGoneError extends Error {
	constructor(server: ServerInfo, started: boolean) {
		super(
			started
				? `the oborot server (pid ${server.pid}) stopped before the job finished: see what it logged, start it again and rerun the command`
				: `the oborot server (pid ${server.pid}) did not take the job (it is not answering on port ${server.port}): start it again and rerun the command`
		);
	}
}

/** Sends a command to the running server and relays its output; resolves to the exit code. */
export async function runOnServer(
	server: ServerInfo,
	request: HandoffRequest,
	relay: (message: Exclude<HandoffMessage, { type: 'exit' }>) => void
): Promise<number> {
	let response: Response;
	try {
		response = await fetch(`http://127.0.0.1:${server.port}${HANDOFF_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
			body: JSON.stringify(request)
		});
	} catch {
		throw new ServerGoneError(server, false);
	}
	if (!response.ok || !response.body) {
		const text = await response.text().catch(() => '');
		throw new Error(`the running server (port ${server.port}) refused the job: ${response.status} ${text}`);
	}
	let exitCode: number | null = null;
	let pending = '';
	const decoder = new TextDecoder();
	const chunks = (response.body as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
	for (;;) {
		let next: IteratorResult<Uint8Array>;
		try {
			next = await chunks.next();
		} catch {
			throw new ServerGoneError(server, true);
		}
		if (next.done) break;
		pending += decoder.decode(next.value, { stream: true });
		let newline: number;
		while ((newline = pending.indexOf('\n')) >= 0) {
			const line = pending.slice(0, newline);
			pending = pending.slice(newline + 1);
			if (!line.trim()) continue;
			const message = JSON.parse(line) as HandoffMessage;
			if (message.type === 'exit') exitCode = message.code;
			else relay(message);
		}
	}
	// the answer ended without its exit line: the server went away mid-job
	if (exitCode === null) throw new ServerGoneError(server, true);
	return exitCode;
}
