import type { Output, Progress } from './command.ts';

/** Progress as occasional lines (non-TTY, or relayed from the server). */
export function lineProgress(label: string, total: number, unit: string, emit: (line: string) => void): Progress {
	let lastTenth = -1;
	return {
		update(done) {
			if (total <= 0) return;
			const tenth = Math.floor((10 * Math.min(done, total)) / total);
			if (tenth > lastTenth) {
				lastTenth = tenth;
				emit(`${label}: ${tenth * 10}% (${done}/${total}${unit ? ' ' + unit : ''})`);
			}
		},
		finish() {
			if (lastTenth < 10 && total > 0) emit(`${label}: 100% (${total}/${total}${unit ? ' ' + unit : ''})`);
			lastTenth = 10;
		}
	};
}

/** Output collected as text lines: used when a command runs on behalf of a remote CLI. */
export function bufferedOutput(emit: (stream: 'out' | 'err', text: string) => void): Output {
	return {
		info: (message) => emit('out', `${message}\n`),
		warn: (message) => emit('err', `warning: ${message}\n`),
		error: (message) => emit('err', `error: ${message}\n`),
		write: (text) => emit('out', text),
		progress: (label, total, unit = '') => lineProgress(label, total, unit, (line) => emit('err', `${line}\n`))
	};
}
