import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * While `oborot serve` owns the warehouse it writes server.json (mode 600) beside it:
 * the port and a random token that lets a local CLI hand its job to the server.
 */
export interface ServerInfo {
	pid: number;
	port: number;
	token: string;
	startedAt: string;
}

export function writeServerInfo(file: string, port: number): ServerInfo {
	const info: ServerInfo = {
		pid: process.pid,
		port,
		token: crypto.randomBytes(32).toString('hex'),
		startedAt: new Date().toISOString()
	};
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(info, null, 2), { mode: 0o600 });
	return info;
}

export function removeServerInfo(file: string, pid = process.pid): void {
	const info = readServerInfo(file);
	if (info && info.pid === pid) fs.rmSync(file, { force: true });
}

export function readServerInfo(file: string): ServerInfo | null {
	try {
		const info = JSON.parse(fs.readFileSync(file, 'utf8')) as ServerInfo;
		return typeof info.port === 'number' && typeof info.token === 'string' ? info : null;
	} catch {
		return null;
	}
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The server that holds the warehouse, if one is running (a stale file is ignored). */
export function liveServer(file: string): ServerInfo | null {
	const info = readServerInfo(file);
	if (!info || info.pid === process.pid || !processAlive(info.pid)) return null;
	return info;
}

export function tokensEqual(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && crypto.timingSafeEqual(left, right);
}
