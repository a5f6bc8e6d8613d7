/** Turns batches of exported rows (values in column order) into a file on a sink. */
export interface RowWriter {
	/** Resolves once the sink has room for more (backpressure). */
	write(rows: unknown[][]): Promise<void>;
	/** Writes what is left (header of an empty export, the zip directory) and ends the sink. */
	finish(): Promise<void>;
}
