import { SingleBar, Presets } from 'cli-progress';
import type { Output } from '../lib/server/jobs/command.ts';
import { lineProgress } from '../lib/server/jobs/output.ts';

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
