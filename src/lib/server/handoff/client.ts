import { HANDOFF_PATH, type HandoffMessage, type HandoffRequest } from './protocol.ts';
import type { ServerInfo } from './server-info.ts';

/** Sends a command to the running server and relays its output; resolves to the exit code. */
export async function runOnServer(
	server: ServerInfo,
	request: HandoffRequest,
	relay: (message: Exclude<HandoffMessage, { type: 'exit' }>) => void
): Promise<number> {
	const response = await fetch(`http://127.0.0.1:${server.port}${HANDOFF_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
		body: JSON.stringify(request)
	});
	if (!response.ok || !response.body) {
		const text = await response.text().catch(() => '');
		throw new Error(`the running server (port ${server.port}) refused the job: ${response.status} ${text}`);
	}
	let exitCode = 1;
	let pending = '';
	const decoder = new TextDecoder();
	for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
		pending += decoder.decode(chunk, { stream: true });
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
	return exitCode;
}
