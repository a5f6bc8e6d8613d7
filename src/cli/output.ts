import { SingleBar, Presets } from 'cli-progress';
import type { Output, Progress } from './command.ts';

/** Output for a terminal: a progress bar when stderr is a TTY, otherwise a line every ~10%. */
export function terminalOutput(stdout = process.stdout, stderr = process.stderr): Output {
	return {
		info: (message) => stdout.write(`${message}\n`),
		warn: (message) => stderr.write(`warning: ${message}\n`),
		error: (message) => stderr.write(`error: ${message}\n`),
		write: (text) => stdout.write(text),
		progress(label, total, unit = '') {
			if (stderr.isTTY && total > 0) {
				const bar = new SingleBar(
					{ format: `${label} [{bar}] {percentage}% {value}/{total}${unit ? ' ' + unit : ''} eta {eta}s`, stream: stderr },
					Presets.shades_classic
				);
				bar.start(total, 0);
				return { update: (done) => bar.update(Math.min(done, total)), finish: () => bar.stop() };
			}
			return lineProgress(label, total, unit, (line) => stderr.write(`${line}\n`));
		}
	};
}

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
