// Helpers for a test or benchmark that starts `oborot serve` on loopback.
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

/** A TCP port free on loopback now (the OS picks it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

/** Resolves once `url`/api/health answers; rejects with the server's output if it exits first or the time runs out. */
export async function waitUntilUp(url: string, child: ChildProcess, output: () => string, timeoutMs = 90_000): Promise<void> {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		if (child.exitCode !== null) throw new Error(`oborot serve exited with ${child.exitCode}:\n${output()}`);
		try {
			const response = await fetch(`${url}/api/health`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`oborot serve did not answer ${url}/api/health within ${timeoutMs / 1000} s:\n${output()}`);
}
